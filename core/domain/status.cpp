#include "core/domain/status.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace vd {

namespace {

template<typename Enum, std::size_t N>
QString nameIn(const std::array<std::pair<Enum, const char16_t *>, N> &names, Enum value)
{
    for (const auto &[e, name] : names)
        if (e == value)
            return QString::fromUtf16(name);
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueIn(const std::array<std::pair<Enum, const char16_t *>, N> &names, const QString &text)
{
    for (const auto &[e, name] : names)
        if (text == QStringView(name))
            return e;
    return std::nullopt;
}

constexpr std::array<std::pair<FileStatus, const char16_t *>, 4> kFileStatuses{{
    {FileStatus::InProgress, u"in_progress"},
    {FileStatus::Completed, u"completed"},
    {FileStatus::Failed, u"failed"},
    {FileStatus::Cancelled, u"cancelled"},
}};

constexpr std::array<std::pair<StoreStatus, const char16_t *>, 3> kStoreStatuses{{
    {StoreStatus::InProgress, u"in_progress"},
    {StoreStatus::Completed, u"completed"},
    {StoreStatus::Expired, u"expired"},
}};

constexpr std::array<std::pair<BackendKind, const char16_t *>, 2> kBackends{{
    {BackendKind::Local, u"local"},
    {BackendKind::OpenAI, u"openai"},
}};

} // namespace

QString fileStatusName(FileStatus status)
{
    return nameIn(kFileStatuses, status);
}

std::optional<FileStatus> fileStatusFromName(const QString &name)
{
    return valueIn(kFileStatuses, name);
}

QString storeStatusName(StoreStatus status)
{
    return nameIn(kStoreStatuses, status);
}

std::optional<StoreStatus> storeStatusFromName(const QString &name)
{
    return valueIn(kStoreStatuses, name);
}

QString backendName(BackendKind kind)
{
    return nameIn(kBackends, kind);
}

std::optional<BackendKind> backendFromName(const QString &name)
{
    return valueIn(kBackends, name);
}

} // namespace vd
