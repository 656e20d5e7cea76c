// Reading what happened: the history of sync passes and a tenant's audit trail, filtered in the
// query (the window's Sync history and Audit log dialogs, docs/gui.md).

#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/sqlvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace vd {

namespace {

QJsonArray jsonArray(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).array();
}

// "tenant acme / store docs / file 3 (a.txt)" -> "acme" (entries recorded before they carried ids).
QString tenantSlugOfTarget(const QString &target)
{
    if (!target.startsWith(u"tenant "_s))
        return {};
    return target.mid(7).section(u" / "_s, 0, 0);
}

} // namespace

Result<QList<SyncRunSummary>> VectorStoreService::syncRuns(int limit)
{
    // Whom the entries may be shown to: the tenants the operator (or the token) sees.
    QSet<qint64> tenantIds;
    QSet<QString> slugs;
    bool everything = false;
    if (m_token) {
        tenantIds.insert(m_token->tenantId);
        slugs.insert(m_token->tenantSlug.toLower());
    } else {
        auto op = currentOperator();
        if (!op)
            return op.error();
        everything = op->isInstanceAdmin;
        if (!everything) {
            auto tenants = listTenants(Visibility::All);
            if (!tenants)
                return tenants.error();
            for (const Tenant &t : tenants.value()) {
                tenantIds.insert(t.id);
                slugs.insert(t.slug.toLower());
            }
            if (tenantIds.isEmpty())
                return ServiceError::denied(
                    u"Reading the sync history needs a role in some tenant; %1 is a member of none. Ask a tenant's "
                    u"owner to add you."_s.arg(m_operator),
                    u"viewer"_s);
        }
    }
    auto shown = [&](const QJsonValue &v) {
        if (everything)
            return true;
        const QJsonObject e = v.toObject();
        if (e.contains(u"tenant_id"_s))
            return tenantIds.contains(e.value(u"tenant_id"_s).toInteger());
        const QString slug = tenantSlugOfTarget(e.value(u"target"_s).toString());
        return slug.isEmpty() || slugs.contains(slug.toLower()); // pass-wide entries name no tenant
    };
    auto q = runQuery(m_db,
                      u"SELECT id, started_at, finished_at, host, triggered_by, status, counts, errors, warnings "
                      u"FROM sync_runs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT ?"_s,
                      {qBound(1, limit, 1000)}, u"reading the history of sync passes"_s);
    if (!q)
        return q.error();
    QList<SyncRunSummary> runs;
    while (q.value().next()) {
        const QSqlQuery &row = q.value();
        SyncRunSummary run;
        run.id = row.value(0).toLongLong();
        run.startedAt = row.value(1).toLongLong();
        run.finishedAt = row.value(2).toLongLong();
        run.host = row.value(3).toString();
        run.triggeredBy = row.value(4).toString();
        run.status = row.value(5).toString();
        run.counts = sql::fromJsonText(row.value(6));
        for (const QJsonValue &v : jsonArray(row.value(7)))
            if (shown(v))
                run.errors.append(v);
        for (const QJsonValue &v : jsonArray(row.value(8)))
            if (shown(v))
                run.warnings.append(v);
        runs.append(run);
    }
    return runs;
}

Result<QList<AuditEntry>> VectorStoreService::auditLog(const QString &tenantRef, const AuditQuery &query)
{
    auto a = access(tenantRef, Role::Admin, u"Reading the audit log"_s);
    if (!a)
        return a.error();
    QString sql = u"SELECT id, at, operator, tenant_id, action, target, request_id, detail FROM audit_log "
                  u"WHERE tenant_id = ?"_s;
    QVariantList binds{a->tenant.id};
    if (const QString who = query.operatorName.trimmed(); !who.isEmpty()) {
        QString pattern = who.toLower();
        pattern.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
        sql += u" AND lower(operator) LIKE ? ESCAPE '\\'"_s;
        binds << QString(u"%"_s + pattern + u"%"_s);
    }
    if (!query.action.isEmpty()) {
        sql += u" AND action = ?"_s;
        binds << query.action;
    }
    if (query.since > 0) {
        sql += u" AND at >= ?"_s;
        binds << query.since;
    }
    sql += u" ORDER BY at DESC, id DESC LIMIT ?"_s; // newest first, by when it happened
    binds << qBound(1, query.limit, 10000);
    auto result = runQuery(m_db, sql, binds, u"reading the audit log"_s);
    if (!result)
        return result.error();
    QList<AuditEntry> entries;
    while (result.value().next()) {
        const QSqlQuery &q = result.value();
        entries.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                        sql::optionalInt(q.value(3)), q.value(4).toString(), q.value(5).toString(),
                        q.value(6).toString(), sql::fromJsonText(q.value(7))});
    }
    return entries;
}

Result<QStringList> VectorStoreService::auditActions(const QString &tenantRef)
{
    auto a = access(tenantRef, Role::Admin, u"Reading the audit log"_s);
    if (!a)
        return a.error();
    auto result = runQuery(m_db, u"SELECT DISTINCT action FROM audit_log WHERE tenant_id = ? ORDER BY action"_s,
                           {a->tenant.id}, u"reading the audit log's actions"_s);
    if (!result)
        return result.error();
    QStringList actions;
    while (result.value().next())
        actions << result.value().value(0).toString();
    return actions;
}

} // namespace vd
