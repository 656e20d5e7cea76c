#include "ui/settings/appsettings.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace vd::ui::settings {

namespace {
const QString kDatabaseUrl = u"database/url"_s;
const QString kSyncInterval = u"sync/intervalMinutes"_s;
const QString kPurgeRetention = u"purge/retentionDays"_s;
const QString kOtlpEndpoint = u"tracing/otlpEndpoint"_s;
const QString kLanguage = u"ui/language"_s;
} // namespace

QString databaseUrl()
{
    return QSettings().value(kDatabaseUrl).toString();
}

namespace {
void setOrRemove(const QString &key, const QString &value)
{
    QSettings settings;
    if (value.trimmed().isEmpty())
        settings.remove(key);
    else
        settings.setValue(key, value.trimmed());
}
} // namespace

void setDatabaseUrl(const QString &url)
{
    setOrRemove(kDatabaseUrl, url);
}

QString otlpEndpoint()
{
    return QSettings().value(kOtlpEndpoint).toString();
}

void setOtlpEndpoint(const QString &url)
{
    setOrRemove(kOtlpEndpoint, url);
}

QString language()
{
    return QSettings().value(kLanguage).toString();
}

void setLanguage(const QString &code)
{
    setOrRemove(kLanguage, code);
}

int syncIntervalMinutes()
{
    bool ok = false;
    const int value = QSettings().value(kSyncInterval, kDefaultSyncIntervalMinutes).toInt(&ok);
    return ok ? qBound(5, value, 1440) : kDefaultSyncIntervalMinutes;
}

void setSyncIntervalMinutes(int minutes)
{
    QSettings().setValue(kSyncInterval, qBound(5, minutes, 1440));
}

int purgeRetentionDays()
{
    bool ok = false;
    const int value = QSettings().value(kPurgeRetention, kDefaultPurgeRetentionDays).toInt(&ok);
    return ok ? qBound(1, value, 365) : kDefaultPurgeRetentionDays;
}

void setPurgeRetentionDays(int days)
{
    QSettings().setValue(kPurgeRetention, qBound(1, days, 365));
}

} // namespace vd::ui::settings
