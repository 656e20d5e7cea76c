#include "core/backend/vectorstorebackend.h"
#include "core/domain/filetypes.h"
#include "core/domain/searchrequest.h"
#include "core/domain/status.h"
#include "core/domain/units.h"
#include "core/domain/validation.h"
#include "core/logging/logging.h"
#include "core/service/storecounters.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/auditlog.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/rows.h"
#include "core/storage/sqlvalues.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMap>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

// Search over one or more stores of a tenant.

namespace vd {

namespace {
// How stale a store's last_active_at may be before a search writes it again.
constexpr qint64 kSearchActivityResolutionMs = 60'000;
} // namespace

Result<SearchResponse> VectorStoreService::search(const QString &tenantRef, const QStringList &storeRefs,
                                                  const SearchRequest &request)
{
    return measured<SearchResponse>(metrics::Metric::SearchSeconds, u"search"_s, [&]() -> Result<SearchResponse> {
        auto a = access(tenantRef, Role::Viewer, u"Searching"_s);
        if (!a)
            return a.error();
        if (storeRefs.isEmpty())
            return ServiceError::invalid(u"Name at least one store to search."_s, u"store"_s);
        if (auto problem = request.check()) // a form may fill the request in without fromJson
            return *problem;
        const qint64 at = now();
        QList<VectorStore> stores;
        for (const QString &ref : storeRefs) {
            auto s = findStore(a->tenant, ref, Visibility::Live);
            if (!s)
                return s.error();
            if (s->status == StoreStatus::Expired || (s->expiresAt && *s->expiresAt <= at))
                return ServiceError::conflict(
                    u"Store '%1' expired on %2 after %3 without activity; an expired store cannot be searched. "
                    u"Create a new store and attach the files again."_s.arg(
                        s->name, QDateTime::fromMSecsSinceEpoch(s->expiresAt.value_or(at)).toString(Qt::ISODate),
                        plural(s->expiresAfter ? s->expiresAfter->days : 0, u"day", u"days")));
            if (std::none_of(stores.cbegin(), stores.cend(), [&](const VectorStore &x) { return x.id == s->id; }))
                stores.append(s.value());
        }
        QMap<BackendKind, QList<VectorStore>> byBackend;
        for (const VectorStore &store : std::as_const(stores))
            byBackend[store.backend].append(store);
        SearchResponse merged;
        merged.searchQuery = request.queries;
        for (auto it = byBackend.cbegin(); it != byBackend.cend(); ++it) {
            auto backend = backendOf(it.value().first());
            if (!backend)
                return backend.error();
            tracing::Span perBackend(u"search.stores"_s);
            perBackend.setAttribute(u"vectordesk.backend"_s, backendName(it.key()));
            perBackend.setAttribute(u"vectordesk.stores"_s, int(it.value().size()));
            auto response = backend.value()->search(a->tenant, it.value(), request);
            if (!response)
                perBackend.setError(response.error().code(), response.error().message());
            if (!response)
                return response.error();
            merged.data += response->data;
            merged.explain = response->explain;
        }
        // This database is the authority: only live, completed files of these stores, with their
        // current attributes, and the filter checked against those.
        tracing::Span merge(u"search.merge"_s);
        merge.setAttribute(u"vectordesk.hits"_s, int(merged.data.size()));
        if (!merged.data.isEmpty()) {
            QVariantList binds;
            for (const SearchHit &hit : std::as_const(merged.data))
                binds << hit.fileId;
            auto live = runQuery(m_db,
                                 u"SELECT id, store_id, filename, attributes FROM vector_store_files WHERE id IN ("_s
                                     + sql::placeholders(merged.data.size())
                                     + u") AND tenant_id = ? AND deleted_at IS NULL AND status = 'completed'"_s,
                                 binds << a->tenant.id, u"checking search results"_s);
            if (!live)
                return live.error();
            QHash<qint64, std::pair<qint64, std::pair<QString, QJsonObject>>> current;
            while (live.value().next())
                current.insert(live.value().value(0).toLongLong(),
                               {live.value().value(1).toLongLong(),
                                {live.value().value(2).toString(), sql::fromJsonText(live.value().value(3))}});
            QList<SearchHit> kept;
            for (SearchHit hit : std::as_const(merged.data)) {
                const auto it = current.constFind(hit.fileId);
                if (it == current.cend() || it->first != hit.storeId)
                    continue;
                hit.filename = it->second.first;
                hit.attributes = it->second.second;
                if (request.filters && !request.filters->matches(hit.attributes))
                    continue;
                kept.append(hit);
            }
            std::stable_sort(kept.begin(), kept.end(),
                             [](const SearchHit &x, const SearchHit &y) { return x.score > y.score; });
            if (kept.size() > request.maxNumResults)
                kept.resize(request.maxNumResults);
            merged.data = kept;
        }
        // Searching is activity: it moves the expiry of stores with an expiry policy. A store
        // active within the last minute is left as it is: expiry counts in days, and a write per
        // search would make every search wait for the database's write lock (docs/sync.md).
        QList<qint64> active;
        for (const VectorStore &store : std::as_const(stores))
            if (!store.lastActiveAt || at - *store.lastActiveAt >= kSearchActivityResolutionMs)
                active << store.id;
        if (!active.isEmpty()) {
            Transaction transaction(m_db);
            if (transaction.isActive()) {
                bool ok = true;
                for (const qint64 id : std::as_const(active))
                    ok = ok
                        && runQuery(m_db,
                                    u"UPDATE vector_stores SET last_active_at = ?, expires_at = CASE WHEN "
                                    u"expires_after_days IS NULL THEN expires_at ELSE CAST(? AS BIGINT) + "
                                    u"expires_after_days * CAST(? AS BIGINT) END "
                                    u"WHERE id = ? AND (last_active_at IS NULL OR last_active_at <= ?)"_s,
                                    {at, at, kDayMs, id, at - kSearchActivityResolutionMs},
                                    u"recording search activity"_s)
                               .ok();
                if (ok)
                    transaction.commit();
            }
        }
        metrics::observe(metrics::Metric::SearchResults, {m_call.backend, m_call.tenant}, double(merged.data.size()));
        return merged;
    });
}

Result<QList<Chunk>> VectorStoreService::fileChunks(const QString &tenantRef, const QString &storeRef,
                                                    const QString &fileRef, int first, int count)
{
    auto target = fileTarget(tenantRef, storeRef, fileRef, Role::Viewer, u"Reading a file's chunks"_s);
    if (!target)
        return target.error();
    if (first < 0)
        return ServiceError::invalid(u"The first chunk must be 0 or more, not %1."_s.arg(first), u"first"_s);
    if (StoreHolderLink *holder = holderElsewhere(target->store)) {
        auto apiId =
            fileApiIdFor(*holder, target->access.tenant, target->store, target->file.id, u"Reading chunks in"_s);
        if (!apiId)
            return apiId.error();
        return holder->chunks(target->access.tenant, target->store, apiId.value(), first, count);
    }
    auto backend = backendOf(target->store);
    if (!backend)
        return backend.error();
    return backend.value()->chunks(target->access.tenant, target->store, target->file, first, count);
}

} // namespace vd
