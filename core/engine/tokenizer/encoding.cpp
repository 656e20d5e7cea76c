#include "core/engine/tokenizer/encoding.h"

using namespace Qt::StringLiterals;

namespace vd::engine {

QString encodingName(Encoding encoding)
{
    switch (encoding) {
    case Encoding::Cl100kBase:
        return u"cl100k_base"_s;
    case Encoding::O200kBase:
        return u"o200k_base"_s;
    }
    return {};
}

std::optional<Encoding> encodingFromName(QStringView name)
{
    if (name == u"cl100k_base")
        return Encoding::Cl100kBase;
    if (name == u"o200k_base")
        return Encoding::O200kBase;
    return std::nullopt;
}

} // namespace vd::engine
