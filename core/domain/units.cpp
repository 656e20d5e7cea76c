#include "core/domain/units.h"

#include <QLocale>

namespace vd {

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString plural(qint64 n, QStringView one, QStringView many)
{
    return QString::number(n) + u' ' + (n == 1 ? one : many);
}

} // namespace vd
