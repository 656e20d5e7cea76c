#include "core/sync/syncreport.h"

#include <QDateTime>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace vd {

QString SyncItem::target() const
{
    QStringList parts;
    if (!tenant.isEmpty() || tenantId)
        parts << u"tenant %1"_s.arg(tenant.isEmpty() ? QString::number(tenantId) : tenant);
    if (!store.isEmpty() || storeId)
        parts << u"store %1"_s.arg(store.isEmpty() ? QString::number(storeId) : store);
    if (fileId)
        parts << u"file %1%2"_s.arg(fileId).arg(file.isEmpty() ? QString() : u" ("_s + file + u')');
    return parts.join(u" / "_s);
}

QJsonObject SyncItem::toJson() const
{
    QJsonObject o{{u"action"_s, action}, {u"outcome"_s, outcome}};
    if (tenantId)
        o.insert(u"tenant"_s, QJsonObject{{u"id"_s, tenantId}, {u"slug"_s, tenant}});
    if (storeId)
        o.insert(u"store"_s, QJsonObject{{u"id"_s, storeId}, {u"name"_s, store}});
    if (fileId)
        o.insert(u"file"_s, QJsonObject{{u"id"_s, fileId}, {u"filename"_s, file}});
    if (!detail.isEmpty())
        o.insert(u"detail"_s, detail);
    if (!error.isEmpty())
        o.insert(u"error"_s, error);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        o.insert(it.key(), it.value());
    if (!requestId.isEmpty())
        o.insert(u"request_id"_s, requestId);
    return o;
}

int SyncReport::failures() const
{
    int n = 0;
    for (const SyncItem &item : items)
        if (item.outcome == u"failed"_s)
            ++n;
    return n;
}

QJsonObject SyncReport::counts() const
{
    QJsonObject counts;
    for (const SyncItem &item : items) {
        QJsonObject perAction = counts.value(item.action).toObject();
        perAction.insert(item.outcome, perAction.value(item.outcome).toInteger() + 1);
        counts.insert(item.action, perAction);
    }
    return counts;
}

QJsonObject SyncReport::toJson() const
{
    QJsonArray list;
    for (const SyncItem &item : items)
        list.append(item.toJson());
    QJsonArray errors;
    for (const SyncItem &item : items)
        if (item.outcome == u"failed"_s)
            errors.append(item.toJson());
    auto time = [](qint64 ms) {
        return ms ? QJsonValue(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs)) : QJsonValue();
    };
    return {{u"object"_s, u"sync.run"_s},
            {u"id"_s, runId ? QJsonValue(runId) : QJsonValue()},
            {u"dry_run"_s, dryRun},
            {u"status"_s, status},
            {u"triggered_by"_s, triggeredBy},
            {u"host"_s, host},
            {u"pid"_s, pid},
            {u"started_at"_s, time(startedAt)},
            {u"finished_at"_s, time(finishedAt)},
            {u"duration_ms"_s, finishedAt ? finishedAt - startedAt : 0},
            {u"counts"_s, counts()},
            {u"errors"_s, errors},
            {u"items"_s, list}};
}

} // namespace vd
