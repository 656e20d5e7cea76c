#include "core/domain/units.h"

#include <QLocale>

namespace vd {

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

} // namespace vd
