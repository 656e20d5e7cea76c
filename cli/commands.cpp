#include "cli/commands.h"

#include "cli/openaicommands.h"
#include "cli/synccommand.h"
#include "core/domain/searchrequest.h"
#include "core/domain/units.h"
#include "core/domain/validation.h"
#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/storage/migrator.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDirIterator>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

using Runner = std::function<int(Context &, const QCommandLineParser &, const QStringList &)>;

class SimpleCommand final : public Command
{
public:
    SimpleCommand(QString name, QString syntax, QString summary, QStringList positionals,
                  QList<QCommandLineOption> options, Runner runner, bool needsDatabase = true)
        : m_name(std::move(name))
        , m_syntax(std::move(syntax))
        , m_summary(std::move(summary))
        , m_positionals(std::move(positionals))
        , m_options(std::move(options))
        , m_runner(std::move(runner))
        , m_needsDatabase(needsDatabase)
    { }

    QString name() const override { return m_name; }
    QString summary() const override { return m_summary; }
    QString syntax() const override { return m_syntax; }
    QList<QCommandLineOption> options() const override { return m_options; }
    QStringList positionals() const override { return m_positionals; }
    bool needsDatabase() const override { return m_needsDatabase; }
    int execute(Context &context, const QCommandLineParser &parser, const QStringList &arguments) override
    {
        return m_runner(context, parser, arguments);
    }

private:
    QString m_name;
    QString m_syntax;
    QString m_summary;
    QStringList m_positionals;
    QList<QCommandLineOption> m_options;
    Runner m_runner;
    bool m_needsDatabase;
};

// ----- options shared by several commands

QCommandLineOption tenantOption()
{
    return {u"tenant"_s, u"The tenant, by slug or id."_s, u"tenant"_s};
}
QCommandLineOption storeOption()
{
    return {u"store"_s, u"The store, by name or id."_s, u"store"_s};
}
QCommandLineOption deletedOption()
{
    return {u"deleted"_s, u"List only deleted (trashed) items."_s};
}
QCommandLineOption allOption()
{
    return {u"all"_s, u"List live and deleted items."_s};
}
QCommandLineOption metadataOption()
{
    return {u"metadata"_s, u"Store metadata as a JSON object (at most 16 string values)."_s, u"json"_s};
}
QCommandLineOption expiryOption()
{
    return {u"expires-after-days"_s, u"Expire the store this many days (1-365) after its last activity."_s, u"days"_s};
}
QList<QCommandLineOption> chunkingOptions()
{
    return {{u"chunk-size"_s, u"Static chunking: tokens per chunk (100-4096)."_s, u"tokens"_s},
            {u"chunk-overlap"_s, u"Static chunking: overlap in tokens (0 to half the size)."_s, u"tokens"_s},
            {u"auto-chunking"_s, u"Automatic chunking (800-token chunks, 400 overlap)."_s}};
}

// The chunking asked for with chunkingOptions(), unset when none was given. Returns Ok, or the
// exit code of the usage error it printed.
int chunkingFrom(Context &c, const QCommandLineParser &p, std::optional<ChunkingStrategy> *chunking)
{
    const bool size = p.isSet(u"chunk-size"_s);
    const bool overlap = p.isSet(u"chunk-overlap"_s);
    if (p.isSet(u"auto-chunking"_s)) {
        if (size || overlap)
            return c.usage(u"Give either --auto-chunking or --chunk-size with --chunk-overlap, not both."_s);
        *chunking = ChunkingStrategy{};
        return Ok;
    }
    if (!size && !overlap)
        return Ok;
    if (!size || !overlap)
        return c.usage(u"Static chunking needs both --chunk-size and --chunk-overlap."_s);
    bool sizeOk = false;
    bool overlapOk = false;
    ChunkingStrategy fixed;
    fixed.type = u"static"_s;
    fixed.maxChunkSizeTokens = p.value(u"chunk-size"_s).toInt(&sizeOk);
    fixed.chunkOverlapTokens = p.value(u"chunk-overlap"_s).toInt(&overlapOk);
    if (!sizeOk || !overlapOk)
        return c.usage(u"--chunk-size and --chunk-overlap need whole numbers of tokens."_s);
    *chunking = fixed;
    return Ok;
}

QString chunkingText(const ChunkingStrategy &chunking)
{
    if (chunking.type == u"auto"_s)
        return u"auto (%1 tokens, %2 overlap)"_s.arg(chunking.maxChunkSizeTokens).arg(chunking.chunkOverlapTokens);
    return u"%1 (%2 tokens, %3 overlap)"_s.arg(chunking.type)
        .arg(chunking.maxChunkSizeTokens)
        .arg(chunking.chunkOverlapTokens);
}

// ----- output helpers

QString formatTime(qint64 ms)
{
    if (ms <= 0)
        return u"-"_s;
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
}

void printJson(Context &c, const QJsonValue &value)
{
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    c.out() << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

template<typename T> QJsonObject listJson(const QList<T> &items)
{
    QJsonArray data;
    for (const T &item : items)
        data.append(item.toJson());
    return {{u"object"_s, u"list"_s}, {u"data"_s, data}};
}

void printTable(Context &c, const QStringList &headers, const QList<QStringList> &rows)
{
    if (rows.isEmpty()) {
        c.out() << u"(none)\n"_s;
        return;
    }
    QList<qsizetype> widths;
    for (const QString &h : headers)
        widths << h.size();
    for (const QStringList &row : rows)
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], std::min<qsizetype>(row[i].size(), 60));
    auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            QString cell = cells[i];
            cell.replace(u'\n', u' ');
            if (cell.size() > 60)
                cell = cell.left(59) + u'…';
            text += i + 1 < cells.size() ? cell.leftJustified(widths[i] + 2) : cell;
        }
        c.out() << text.trimmed() << u'\n';
    };
    line(headers);
    for (const QStringList &row : rows)
        line(row);
}

QString tenantRef(Context &c, const QCommandLineParser &p, bool *ok)
{
    *ok = p.isSet(u"tenant"_s) && !p.value(u"tenant"_s).trimmed().isEmpty();
    if (!*ok)
        c.usage(u"Name the tenant with --tenant SLUG."_s);
    return p.value(u"tenant"_s);
}

QString storeRef(Context &c, const QCommandLineParser &p, bool *ok)
{
    *ok = p.isSet(u"store"_s) && !p.value(u"store"_s).trimmed().isEmpty();
    if (!*ok)
        c.usage(u"Name the store with --store NAME."_s);
    return p.value(u"store"_s);
}

Visibility visibilityFrom(const QCommandLineParser &p)
{
    if (p.isSet(u"all"_s))
        return Visibility::All;
    if (p.isSet(u"deleted"_s))
        return Visibility::Deleted;
    return Visibility::Live;
}

// Parses a whole number option; on failure prints a usage error.
std::optional<qint64> intOption(Context &c, const QCommandLineParser &p, const QString &name, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = p.value(name).trimmed().toLongLong(&ok);
    if (!ok || value < min || value > max) {
        c.usage(
            u"--%1 must be a whole number from %2 to %3 (got '%4')."_s.arg(name).arg(min).arg(max).arg(p.value(name)));
        return std::nullopt;
    }
    return value;
}

// ----- printers

void printTenant(Context &c, const Tenant &t)
{
    if (c.json())
        return printJson(c, t.toJson());
    c.out() << u"Tenant %1 (id %2)\n"_s.arg(t.slug).arg(t.id) << u"  name:            %1\n"_s.arg(t.displayName)
            << u"  plan:            %1%2\n"_s.arg(
                   t.plan,
                   t.planOverrides.isEmpty() ? QString()
                                             : u" with overrides "_s
                           + QString::fromUtf8(QJsonDocument(t.planOverrides).toJson(QJsonDocument::Compact)))
            << u"  default backend: %1\n"_s.arg(t.defaultBackend)
            << u"  created:         %1\n"_s.arg(formatTime(t.createdAt));
    if (t.myRole)
        c.out() << u"  your role:       %1\n"_s.arg(roleName(*t.myRole));
    if (t.deletedAt)
        c.out() << u"  deleted:         %1\n"_s.arg(formatTime(*t.deletedAt));
}

QString expiryText(const VectorStore &s)
{
    if (!s.expiresAfter)
        return u"never"_s;
    return u"%1 days after last activity (%2)"_s.arg(s.expiresAfter->days).arg(formatTime(s.expiresAt.value_or(0)));
}

void printStore(Context &c, const VectorStore &s)
{
    if (c.json())
        return printJson(c, s.toJson());
    c.out() << u"Store %1 (id %2)%3\n"_s.arg(s.name).arg(s.id).arg(s.isPrimary ? u", primary"_s : QString())
            << u"  backend:  %1%2\n"_s.arg(s.backend, s.remoteId.isEmpty() ? QString() : u" (" + s.remoteId + u')')
            << u"  status:   %1\n"_s.arg(s.status)
            << u"  files:    %1 total: %2 completed, %3 in progress, %4 failed, %5 cancelled\n"_s
                   .arg(s.fileCounts.total())
                   .arg(s.fileCounts.completed)
                   .arg(s.fileCounts.inProgress)
                   .arg(s.fileCounts.failed)
                   .arg(s.fileCounts.cancelled)
            << u"  usage:    %1\n"_s.arg(formatBytes(s.usageBytes)) << u"  expires:  %1\n"_s.arg(expiryText(s))
            << u"  metadata: %1\n"_s.arg(QString::fromUtf8(QJsonDocument(s.metadata).toJson(QJsonDocument::Compact)))
            << u"  chunking: %1, for files attached without their own\n"_s.arg(chunkingText(s.chunking))
            << u"  created:  %1\n"_s.arg(formatTime(s.createdAt));
    if (s.deletedAt)
        c.out() << u"  deleted:  %1\n"_s.arg(formatTime(*s.deletedAt));
}

void printFile(Context &c, const StoreFile &f)
{
    if (c.json())
        return printJson(c, f.toJson());
    c.out() << u"File %1 (id %2)\n"_s.arg(f.filename).arg(f.id) << u"  status:     %1\n"_s.arg(f.status);
    if (!f.lastErrorCode.isEmpty())
        c.out() << u"  last error: %1: %2\n"_s.arg(f.lastErrorCode, f.lastErrorMessage);
    c.out() << u"  type:       %1\n"_s.arg(f.mimeType) << u"  size:       %1\n"_s.arg(formatBytes(f.sizeBytes))
            << u"  sha256:     %1\n"_s.arg(f.sha256)
            << u"  attributes: %1\n"_s.arg(
                   QString::fromUtf8(QJsonDocument(f.attributes).toJson(QJsonDocument::Compact)))
            << u"  chunking:   %1\n"_s.arg(chunkingText(f.chunking))
            << u"  attached:   %1\n"_s.arg(formatTime(f.createdAt));
    if (f.deletedAt)
        c.out() << u"  detached:   %1\n"_s.arg(formatTime(*f.deletedAt));
}

template<typename T> int report(Context &c, const Result<T> &result, void (*printer)(Context &, const T &))
{
    if (!result)
        return c.fail(result.error());
    printer(c, result.value());
    return Ok;
}

// ----- tenants

QList<std::shared_ptr<Command>> tenantCommands()
{
    QList<std::shared_ptr<Command>> list;
    list << std::make_shared<SimpleCommand>(
        u"tenant create"_s, u"SLUG [--name NAME] [--plan PLAN] [--backend local|openai]"_s,
        u"Create a tenant; you become its owner. Needs instance administrator rights."_s, QStringList{u"SLUG"_s},
        QList<QCommandLineOption>{{u"name"_s, u"Display name (default: the slug)."_s, u"name"_s},
                                  {u"plan"_s, u"Plan: free, starter, pro or enterprise (default free)."_s, u"plan"_s},
                                  {u"backend"_s, u"Default backend of new stores: local or openai."_s, u"backend"_s}},
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            TenantDraft draft;
            draft.slug = args[0];
            draft.displayName = p.value(u"name"_s);
            if (p.isSet(u"plan"_s))
                draft.plan = p.value(u"plan"_s);
            if (p.isSet(u"backend"_s))
                draft.defaultBackend = p.value(u"backend"_s);
            return report<Tenant>(c, c.service().createTenant(draft), printTenant);
        });
    list << std::make_shared<SimpleCommand>(
        u"tenant list"_s, u"[--deleted | --all]"_s, u"List the tenants you are a member of."_s, QStringList{},
        QList<QCommandLineOption>{deletedOption(), allOption()},
        [](Context &c, const QCommandLineParser &p, const QStringList &) {
            auto result = c.service().listTenants(visibilityFrom(p));
            if (!result)
                return c.fail(result.error());
            if (c.json()) {
                printJson(c, listJson(result.value()));
                return int(Ok);
            }
            QList<QStringList> rows;
            for (const Tenant &t : result.value())
                rows << QStringList{QString::number(t.id),
                                    t.slug,
                                    t.displayName,
                                    t.plan,
                                    t.defaultBackend,
                                    t.myRole ? roleName(*t.myRole) : u"-"_s,
                                    t.deletedAt ? u"deleted "_s + formatTime(*t.deletedAt) : u"live"_s};
            printTable(c, {u"ID"_s, u"SLUG"_s, u"NAME"_s, u"PLAN"_s, u"BACKEND"_s, u"ROLE"_s, u"STATE"_s}, rows);
            return int(Ok);
        });
    list << std::make_shared<SimpleCommand>(u"tenant show"_s, u"TENANT"_s, u"Show a tenant."_s,
                                            QStringList{u"TENANT"_s}, QList<QCommandLineOption>{},
                                            [](Context &c, const QCommandLineParser &, const QStringList &args) {
                                                return report<Tenant>(c, c.service().tenant(args[0]), printTenant);
                                            });
    list << std::make_shared<SimpleCommand>(
        u"tenant update"_s, u"TENANT [--name NAME] [--backend local|openai]"_s,
        u"Change a tenant's display name or default backend (admin)."_s, QStringList{u"TENANT"_s},
        QList<QCommandLineOption>{{u"name"_s, u"New display name."_s, u"name"_s},
                                  {u"backend"_s, u"New default backend."_s, u"backend"_s}},
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            TenantUpdate update;
            if (p.isSet(u"name"_s))
                update.displayName = p.value(u"name"_s);
            if (p.isSet(u"backend"_s))
                update.defaultBackend = p.value(u"backend"_s);
            if (!update.displayName && !update.defaultBackend)
                return c.usage(u"Nothing to change: give --name or --backend."_s);
            return report<Tenant>(c, c.service().updateTenant(args[0], update), printTenant);
        });
    list << std::make_shared<SimpleCommand>(
        u"tenant set-plan"_s, u"TENANT PLAN [--override KEY=VALUE]... [--clear-overrides]"_s,
        u"Move a tenant to a plan and set per-tenant limit overrides (admin)."_s, QStringList{u"TENANT"_s, u"PLAN"_s},
        QList<QCommandLineOption>{
            {u"override"_s,
             u"Override a limit: max_stores, max_files_per_store, max_file_bytes, max_total_bytes (numbers) or "
             u"allowed_types (comma-separated extensions). Repeatable; replaces all existing overrides."_s,
             u"key=value"_s},
            {u"clear-overrides"_s, u"Remove all overrides."_s}},
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            std::optional<QJsonObject> overrides;
            if (p.isSet(u"clear-overrides"_s))
                overrides = QJsonObject();
            const QStringList items = p.values(u"override"_s);
            if (!items.isEmpty()) {
                overrides = QJsonObject();
                for (const QString &item : items) {
                    const qsizetype eq = item.indexOf(u'=');
                    if (eq <= 0)
                        return c.usage(u"--override takes KEY=VALUE, got '%1'."_s.arg(item));
                    const QString key = item.left(eq).trimmed();
                    const QString value = item.mid(eq + 1).trimmed();
                    if (key == u"allowed_types"_s) {
                        QJsonArray types;
                        for (const QString &type : value.split(u',', Qt::SkipEmptyParts))
                            types.append(type.trimmed().toLower().remove(u'.'));
                        overrides->insert(key, types);
                    } else {
                        bool ok = false;
                        const qint64 number = value.toLongLong(&ok);
                        if (!ok)
                            return c.usage(u"--override %1 needs a whole number, got '%2'."_s.arg(key, value));
                        overrides->insert(key, number);
                    }
                }
            }
            return report<Tenant>(c, c.service().setPlan(args[0], args[1], overrides), printTenant);
        });
    list << std::make_shared<SimpleCommand>(
        u"tenant delete"_s, u"TENANT"_s,
        u"Soft-delete a tenant; the sync purges it after the retention period (owner)."_s, QStringList{u"TENANT"_s},
        QList<QCommandLineOption>{}, [](Context &c, const QCommandLineParser &, const QStringList &args) {
            return report<Tenant>(c, c.service().deleteTenant(args[0]), printTenant);
        });
    list << std::make_shared<SimpleCommand>(
        u"tenant quota"_s, u"TENANT"_s, u"Show a tenant's use of its plan limits."_s, QStringList{u"TENANT"_s},
        QList<QCommandLineOption>{}, [](Context &c, const QCommandLineParser &, const QStringList &args) {
            auto usage = c.service().quotaUsage(args[0]);
            if (!usage)
                return c.fail(usage.error());
            if (c.json()) {
                printJson(c, usage->toJson());
                return int(Ok);
            }
            const QuotaUsage &u = usage.value();
            c.out() << u"Plan %1\n"_s.arg(u.plan)
                    << u"  stores:              %1 of %2\n"_s.arg(u.stores).arg(u.limits.maxStores)
                    << u"  files (fullest store): %1 of %2\n"_s.arg(u.largestStoreFiles).arg(u.limits.maxFilesPerStore)
                    << u"  storage:             %1 of %2\n"_s.arg(formatBytes(u.totalBytes),
                                                                  formatBytes(u.limits.maxTotalBytes))
                    << u"  largest file allowed: %1\n"_s.arg(formatBytes(u.limits.maxFileBytes))
                    << u"  worst use:           %1%\n"_s.arg(u.worstPercent(), 0, 'f', 1);
            return int(Ok);
        });
    return list;
}

// ----- stores

QList<std::shared_ptr<Command>> storeCommands()
{
    QList<std::shared_ptr<Command>> list;
    list << std::make_shared<SimpleCommand>(
        u"store create"_s,
        u"--tenant T NAME [--backend local|openai] [--metadata JSON] [--expires-after-days N] "
        u"[--chunk-size N --chunk-overlap N]"_s,
        u"Create a vector store (admin). The tenant's first store becomes its primary store. Its chunking applies to "
        u"files attached without their own (default: auto)."_s,
        QStringList{u"NAME"_s},
        QList<QCommandLineOption>{
            tenantOption(),
            {u"backend"_s, u"local (embedded engine) or openai; default: the tenant's."_s, u"backend"_s},
            metadataOption(),
            expiryOption()}
            + chunkingOptions(),
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            StoreDraft draft;
            draft.name = args[0];
            draft.backend = p.value(u"backend"_s);
            if (p.isSet(u"metadata"_s)) {
                ServiceError error;
                auto metadata = parseJsonObject(p.value(u"metadata"_s), u"Metadata"_s, &error);
                if (!metadata)
                    return c.fail(error);
                draft.metadata = *metadata;
            }
            if (p.isSet(u"expires-after-days"_s)) {
                bool isNumber = false;
                const int days = p.value(u"expires-after-days"_s).toInt(&isNumber);
                if (!isNumber)
                    return c.usage(u"--expires-after-days needs a whole number of days (1-365)."_s);
                draft.expiresAfterDays = days;
            }
            std::optional<ChunkingStrategy> chunking;
            if (const int code = chunkingFrom(c, p, &chunking); code != Ok)
                return code;
            draft.chunking = chunking.value_or(ChunkingStrategy{});
            return report<VectorStore>(c, c.service().createStore(tenant, draft), printStore);
        });
    list << std::make_shared<SimpleCommand>(
        u"store list"_s, u"--tenant T [--deleted | --all]"_s, u"List a tenant's stores (--deleted: the trash)."_s,
        QStringList{}, QList<QCommandLineOption>{tenantOption(), deletedOption(), allOption()},
        [](Context &c, const QCommandLineParser &p, const QStringList &) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            auto result = c.service().listStores(tenant, visibilityFrom(p));
            if (!result)
                return c.fail(result.error());
            if (c.json()) {
                printJson(c, listJson(result.value()));
                return int(Ok);
            }
            QList<QStringList> rows;
            for (const VectorStore &s : result.value())
                rows << QStringList{QString::number(s.id),
                                    s.name + (s.isPrimary ? u" *"_s : QString()),
                                    s.backend,
                                    s.status,
                                    QString::number(s.fileCounts.total()),
                                    formatBytes(s.usageBytes),
                                    s.expiresAt ? formatTime(*s.expiresAt) : u"never"_s,
                                    s.deletedAt ? u"deleted "_s + formatTime(*s.deletedAt) : u"live"_s};
            printTable(
                c, {u"ID"_s, u"NAME"_s, u"BACKEND"_s, u"STATUS"_s, u"FILES"_s, u"USAGE"_s, u"EXPIRES"_s, u"STATE"_s},
                rows);
            if (!result->isEmpty())
                c.out() << u"(* primary store)\n"_s;
            return int(Ok);
        });
    list << std::make_shared<SimpleCommand>(
        u"store show"_s, u"--tenant T STORE [--deleted]"_s, u"Show a store."_s, QStringList{u"STORE"_s},
        QList<QCommandLineOption>{tenantOption(), deletedOption()},
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            return report<VectorStore>(
                c, c.service().store(tenant, args[0], p.isSet(u"deleted"_s) ? Visibility::Deleted : Visibility::Live),
                printStore);
        });
    list << std::make_shared<SimpleCommand>(
        u"store update"_s,
        u"--tenant T STORE [--rename NAME] [--metadata JSON] [--expires-after-days N | --no-expiry] "
        u"[--chunk-size N --chunk-overlap N | --auto-chunking]"_s,
        u"Rename a store, replace its metadata, change its expiry policy or its chunking (admin). A new chunking "
        u"applies to files attached afterwards."_s,
        QStringList{u"STORE"_s},
        QList<QCommandLineOption>{tenantOption(),
                                  {u"rename"_s, u"New name."_s, u"name"_s},
                                  metadataOption(),
                                  expiryOption(),
                                  {u"no-expiry"_s, u"Remove the expiry policy."_s}}
            + chunkingOptions(),
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            StoreUpdate update;
            if (p.isSet(u"rename"_s))
                update.name = p.value(u"rename"_s);
            if (p.isSet(u"metadata"_s)) {
                ServiceError error;
                auto metadata = parseJsonObject(p.value(u"metadata"_s), u"Metadata"_s, &error);
                if (!metadata)
                    return c.fail(error);
                update.metadata = *metadata;
            }
            if (p.isSet(u"expires-after-days"_s) && p.isSet(u"no-expiry"_s))
                return c.usage(u"Give either --expires-after-days or --no-expiry, not both."_s);
            if (p.isSet(u"expires-after-days"_s)) {
                bool isNumber = false;
                const int days = p.value(u"expires-after-days"_s).toInt(&isNumber);
                if (!isNumber)
                    return c.usage(u"--expires-after-days needs a whole number of days (1-365)."_s);
                update.expiresAfterDays = std::optional<int>(days);
            }
            if (p.isSet(u"no-expiry"_s))
                update.expiresAfterDays = std::optional<int>();
            if (const int code = chunkingFrom(c, p, &update.chunking); code != Ok)
                return code;
            if (!update.name && !update.metadata && !update.expiresAfterDays && !update.chunking)
                return c.usage(u"Nothing to change: give --rename, --metadata, --expires-after-days, --no-expiry, "
                               u"--chunk-size with --chunk-overlap, or --auto-chunking."_s);
            return report<VectorStore>(c, c.service().updateStore(tenant, args[0], update), printStore);
        });
    auto simpleStoreAction = [&list](
                                 const QString &name, const QString &summary,
                                 Result<VectorStore> (VectorStoreService::*action)(const QString &, const QString &)) {
        list << std::make_shared<SimpleCommand>(
            name, u"--tenant T STORE"_s, summary, QStringList{u"STORE"_s}, QList<QCommandLineOption>{tenantOption()},
            [action](Context &c, const QCommandLineParser &p, const QStringList &args) {
                bool ok = false;
                const QString tenant = tenantRef(c, p, &ok);
                if (!ok)
                    return int(Usage);
                return report<VectorStore>(c, (c.service().*action)(tenant, args[0]), printStore);
            });
    };
    simpleStoreAction(u"store delete"_s, u"Move a store to the trash; restore it until it is purged (admin)."_s,
                      &VectorStoreService::deleteStore);
    simpleStoreAction(u"store restore"_s, u"Bring a store back from the trash (admin)."_s,
                      &VectorStoreService::restoreStore);
    simpleStoreAction(u"store set-primary"_s, u"Make a store the tenant's primary store (admin)."_s,
                      &VectorStoreService::setPrimary);
    list << std::make_shared<SimpleCommand>(
        u"store purge"_s, u"--tenant T STORE"_s, u"Remove a deleted store and its files for good (admin)."_s,
        QStringList{u"STORE"_s}, QList<QCommandLineOption>{tenantOption()},
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            auto store = c.service().store(tenant, args[0], Visibility::Deleted);
            auto result = c.service().purgeStore(tenant, args[0]);
            if (!result)
                return c.fail(result.error());
            if (c.json())
                printJson(c,
                          QJsonObject{{u"id"_s, store ? QJsonValue(store->id) : QJsonValue(QJsonValue::Null)},
                                      {u"object"_s, u"vector_store.deleted"_s},
                                      {u"deleted"_s, true}});
            else
                c.out() << u"Purged store %1.\n"_s.arg(args[0]);
            return int(Ok);
        });
    list << std::make_shared<SimpleCommand>(
        u"store ensure-primary"_s, u"--tenant T"_s,
        u"Make sure the tenant has a primary store (promote the oldest, or create 'primary') (admin)."_s, QStringList{},
        QList<QCommandLineOption>{tenantOption()}, [](Context &c, const QCommandLineParser &p, const QStringList &) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            return report<VectorStore>(c, c.service().ensurePrimary(tenant), printStore);
        });
    return list;
}

// ----- files

QStringList expandPaths(const QStringList &paths, QStringList *missing)
{
    QStringList files;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            QDirIterator it(path, QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
            QStringList found;
            while (it.hasNext())
                found << it.next();
            found.sort();
            files << found;
        } else if (info.exists()) {
            files << path;
        } else {
            missing->append(path);
        }
    }
    return files;
}

// Runs the ingestion worker on its own thread for one store until nothing waits there, printing
// each file's outcome. Returns the number of files that failed.
int waitForIngestion(Context &c, qint64 tenantId, qint64 storeId, QJsonArray *outcomes)
{
    QThread thread;
    auto *worker = new engine::IngestionWorker(c.database().url(), c.localEngine().root());
    worker->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    int failed = 0;
    QString fatal;
    QEventLoop loop; // headless only: the CLI has no window to keep responsive
    QObject::connect(worker, &engine::IngestionWorker::fileFinished, &loop,
                     [&](qint64 fileId, const QString &filename, const QString &status, const QString &error) {
                         if (status != u"completed"_s)
                             ++failed;
                         outcomes->append(QJsonObject{
                             {u"id"_s, fileId},
                             {u"filename"_s, filename},
                             {u"status"_s, status},
                             {u"error"_s, error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error)}});
                         if (!c.json())
                             c.out() << (error.isEmpty() ? u"  %1: %2\n"_s.arg(filename, status)
                                                         : u"  %1: %2: %3\n"_s.arg(filename, status, error));
                         c.out().flush();
                     });
    QObject::connect(worker, &engine::IngestionWorker::drained, &loop, [&] { loop.quit(); });
    QObject::connect(worker, &engine::IngestionWorker::failed, &loop, [&](const QString &message) {
        fatal = message;
        loop.quit();
    });
    thread.start();
    QMetaObject::invokeMethod(
        worker, [worker, tenantId, storeId] { worker->drain(tenantId, storeId); }, Qt::QueuedConnection);
    loop.exec();
    thread.quit();
    thread.wait();
    if (!fatal.isEmpty()) {
        c.failText(u"Ingestion stopped: %1"_s.arg(fatal));
        return -1;
    }
    return failed;
}

QList<std::shared_ptr<Command>> fileCommands()
{
    QList<std::shared_ptr<Command>> list;
    list << std::make_shared<SimpleCommand>(
        u"file attach"_s,
        u"--tenant T --store S PATH... [--attributes JSON] [--chunk-size N --chunk-overlap N | --auto-chunking] "
        u"[--wait]"_s,
        u"Attach files (folders recursively) to a store (editor). Each file is checked on its own; one refused file "
        u"does not stop the others. Without a chunking option, files are chunked the way the store says."_s,
        QStringList{u"PATH..."_s},
        QList<QCommandLineOption>{
            tenantOption(),
            storeOption(),
            {u"attributes"_s, u"Attributes for every file, as a JSON object."_s, u"json"_s},
            {u"wait"_s, u"Ingest now and wait until every file of the store is completed or failed."_s}}
            + chunkingOptions(),
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            const QString store = storeRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            QJsonObject attributes;
            if (p.isSet(u"attributes"_s)) {
                ServiceError error;
                auto parsed = parseJsonObject(p.value(u"attributes"_s), u"Attributes"_s, &error);
                if (!parsed)
                    return c.fail(error);
                attributes = *parsed;
            }
            std::optional<ChunkingStrategy> chunking;
            if (const int code = chunkingFrom(c, p, &chunking); code != Ok)
                return code;
            QStringList missing;
            const QStringList files = expandPaths(args, &missing);
            QJsonArray attached;
            QJsonArray refused;
            for (const QString &path : std::as_const(missing)) {
                const ServiceError error = ServiceError::invalid(u"%1 does not exist."_s.arg(path), u"path"_s);
                refused.append(QJsonObject{{u"path"_s, path}, {u"error"_s, error.toJson()}});
                if (!c.json())
                    c.err() << u"refused %1: %2\n"_s.arg(path, error.message());
            }
            for (const QString &path : files) {
                auto result = c.service().attachPath(tenant, store, path, attributes, chunking);
                if (result) {
                    attached.append(result->toJson());
                    if (!c.json())
                        c.out() << u"attached %1 as file %2 (%3)\n"_s.arg(path).arg(result->id).arg(result->status);
                } else {
                    refused.append(QJsonObject{{u"path"_s, path}, {u"error"_s, result.error().toJson()}});
                    if (!c.json())
                        c.err() << u"refused %1: %2\n"_s.arg(path, result.error().message());
                }
                c.out().flush();
            }
            int failedIngestion = 0;
            QJsonArray ingested;
            if (p.isSet(u"wait"_s)) {
                auto s = c.service().store(tenant, store);
                if (!s)
                    return c.fail(s.error());
                if (!c.json())
                    c.out() << u"ingesting...\n"_s;
                failedIngestion = waitForIngestion(c, s->tenantId, s->id, &ingested);
                if (failedIngestion < 0)
                    return int(Failed);
            }
            if (c.json()) {
                QJsonObject result{{u"object"_s, u"list"_s}, {u"data"_s, attached}, {u"refused"_s, refused}};
                if (p.isSet(u"wait"_s))
                    result.insert(u"ingested"_s, ingested);
                printJson(c, result);
            } else {
                c.out() << u"%1 attached, %2 refused"_s.arg(attached.size()).arg(refused.size())
                        << (p.isSet(u"wait"_s) ? u", %1 failed ingestion.\n"_s.arg(failedIngestion) : u".\n"_s);
            }
            return refused.isEmpty() && failedIngestion == 0 ? int(Ok) : int(Failed);
        });
    list << std::make_shared<SimpleCommand>(
        u"file list"_s,
        u"--tenant T --store S [--status S] [--name-contains TEXT] [--deleted] [--sort COLUMN] [--desc] [--limit N] [--offset N]"_s,
        u"List a store's files."_s, QStringList{},
        QList<QCommandLineOption>{
            tenantOption(),
            storeOption(),
            {u"status"_s, u"Only files in this status: in_progress, completed, failed, cancelled."_s, u"status"_s},
            {u"name-contains"_s, u"Only files whose name contains this text."_s, u"text"_s},
            deletedOption(),
            {u"sort"_s, u"Sort by filename, size_bytes, status, updated_at, created_at, mime_type."_s, u"column"_s},
            {u"desc"_s, u"Sort descending."_s},
            {u"limit"_s, u"At most this many files (default 1000)."_s, u"n"_s},
            {u"offset"_s, u"Skip this many files."_s, u"n"_s}},
        [](Context &c, const QCommandLineParser &p, const QStringList &) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            const QString store = storeRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            FileQuery query;
            query.visibility = p.isSet(u"deleted"_s) ? Visibility::Deleted : Visibility::Live;
            query.status = p.value(u"status"_s);
            query.nameContains = p.value(u"name-contains"_s);
            if (p.isSet(u"sort"_s))
                query.sortColumn = p.value(u"sort"_s);
            query.descending = p.isSet(u"desc"_s);
            if (p.isSet(u"limit"_s)) {
                auto limit = intOption(c, p, u"limit"_s, 1, 100000);
                if (!limit)
                    return int(Usage);
                query.limit = int(*limit);
            }
            if (p.isSet(u"offset"_s)) {
                auto offset = intOption(c, p, u"offset"_s, 0, std::numeric_limits<qint64>::max());
                if (!offset)
                    return int(Usage);
                query.offset = *offset;
            }
            auto result = c.service().listFiles(tenant, store, query);
            if (!result)
                return c.fail(result.error());
            if (c.json()) {
                printJson(c, listJson(result.value()));
                return int(Ok);
            }
            QList<QStringList> rows;
            for (const StoreFile &f : result.value())
                rows << QStringList{QString::number(f.id),
                                    f.filename,
                                    f.status,
                                    formatBytes(f.sizeBytes),
                                    formatTime(f.updatedAt),
                                    f.lastErrorCode.isEmpty() ? QString()
                                                              : f.lastErrorCode + u": "_s + f.lastErrorMessage};
            printTable(c, {u"ID"_s, u"NAME"_s, u"STATUS"_s, u"SIZE"_s, u"UPDATED"_s, u"LAST ERROR"_s}, rows);
            return int(Ok);
        });
    list << std::make_shared<SimpleCommand>(
        u"file show"_s, u"--tenant T --store S FILE [--deleted]"_s, u"Show a file."_s, QStringList{u"FILE"_s},
        QList<QCommandLineOption>{tenantOption(), storeOption(), deletedOption()},
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            const QString store = storeRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            return report<StoreFile>(c,
                                     c.service().file(tenant, store, args[0],
                                                      p.isSet(u"deleted"_s) ? Visibility::Deleted : Visibility::Live),
                                     printFile);
        });
    list << std::make_shared<SimpleCommand>(
        u"file set-attributes"_s, u"--tenant T --store S FILE JSON"_s,
        u"Replace a file's attributes (editor): at most 16 keys; strings up to 512 characters, numbers, booleans."_s,
        QStringList{u"FILE"_s, u"JSON"_s}, QList<QCommandLineOption>{tenantOption(), storeOption()},
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            const QString store = storeRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            ServiceError error;
            auto attributes = parseJsonObject(args[1], u"Attributes"_s, &error);
            if (!attributes)
                return c.fail(error);
            return report<StoreFile>(c, c.service().setFileAttributes(tenant, store, args[0], *attributes), printFile);
        });
    auto simpleFileAction =
        [&list](const QString &name, const QString &summary,
                Result<StoreFile> (VectorStoreService::*action)(const QString &, const QString &, const QString &)) {
            list << std::make_shared<SimpleCommand>(
                name, u"--tenant T --store S FILE"_s, summary, QStringList{u"FILE"_s},
                QList<QCommandLineOption>{tenantOption(), storeOption()},
                [action](Context &c, const QCommandLineParser &p, const QStringList &args) {
                    bool ok = false;
                    const QString tenant = tenantRef(c, p, &ok);
                    if (!ok)
                        return int(Usage);
                    const QString store = storeRef(c, p, &ok);
                    if (!ok)
                        return int(Usage);
                    return report<StoreFile>(c, (c.service().*action)(tenant, store, args[0]), printFile);
                });
        };
    simpleFileAction(u"file detach"_s, u"Detach a file from its store; restore it until it is purged (editor)."_s,
                     &VectorStoreService::detachFile);
    simpleFileAction(u"file restore"_s, u"Re-attach a detached file (editor)."_s, &VectorStoreService::restoreFile);
    simpleFileAction(u"file retry"_s, u"Put a failed, cancelled or stuck file back in the ingestion queue (editor)."_s,
                     &VectorStoreService::retryFile);
    simpleFileAction(u"file cancel"_s, u"Cancel a file that is still in progress (editor)."_s,
                     &VectorStoreService::cancelFile);
    list << std::make_shared<SimpleCommand>(
        u"file wait"_s, u"--tenant T --store S"_s,
        u"Ingest the store's waiting files now and wait until each is completed or failed (viewer)."_s, QStringList{},
        QList<QCommandLineOption>{tenantOption(), storeOption()},
        [](Context &c, const QCommandLineParser &p, const QStringList &) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            const QString storeName = storeRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            auto s = c.service().store(tenant, storeName);
            if (!s)
                return c.fail(s.error());
            QJsonArray outcomes;
            const int failed = waitForIngestion(c, s->tenantId, s->id, &outcomes);
            if (failed < 0)
                return int(Failed);
            auto after = c.service().store(tenant, storeName);
            if (c.json())
                printJson(c,
                          QJsonObject{{u"object"_s, u"list"_s},
                                      {u"data"_s, outcomes},
                                      {u"file_counts"_s, after ? after->fileCounts.toJson() : QJsonObject()}});
            else if (after)
                c.out() << u"%1 files: %2 completed, %3 failed, %4 in progress.\n"_s.arg(after->fileCounts.total())
                               .arg(after->fileCounts.completed)
                               .arg(after->fileCounts.failed)
                               .arg(after->fileCounts.inProgress);
            return failed == 0 ? int(Ok) : int(Failed);
        });
    list << std::make_shared<SimpleCommand>(
        u"file chunks"_s, u"--tenant T --store S FILE [--from N] [--count N]"_s,
        u"Show the chunks a file was split into: ordinal, tokens, byte range and text."_s, QStringList{u"FILE"_s},
        QList<QCommandLineOption>{tenantOption(),
                                  storeOption(),
                                  {u"from"_s, u"First chunk ordinal (default 0)."_s, u"n"_s},
                                  {u"count"_s, u"At most this many chunks (default all)."_s, u"n"_s}},
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            const QString store = storeRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            int from = 0;
            int count = -1;
            if (p.isSet(u"from"_s)) {
                auto v = intOption(c, p, u"from"_s, 0, std::numeric_limits<int>::max());
                if (!v)
                    return int(Usage);
                from = int(*v);
            }
            if (p.isSet(u"count"_s)) {
                auto v = intOption(c, p, u"count"_s, 1, std::numeric_limits<int>::max());
                if (!v)
                    return int(Usage);
                count = int(*v);
            }
            auto file = c.service().file(tenant, store, args[0]);
            if (!file)
                return c.fail(file.error());
            auto chunks = c.service().fileChunks(tenant, store, args[0], from, count);
            if (!chunks)
                return c.fail(chunks.error());
            if (c.json()) {
                QJsonArray data;
                for (const Chunk &chunk : chunks.value())
                    data.append(QJsonObject{{u"ordinal"_s, chunk.ordinal},
                                            {u"token_count"_s, chunk.tokenCount},
                                            {u"start_offset"_s, chunk.startOffset},
                                            {u"end_offset"_s, chunk.endOffset},
                                            {u"text"_s, QString::fromUtf8(chunk.text)}});
                printJson(c,
                          QJsonObject{{u"object"_s, u"list"_s},
                                      {u"file_id"_s, file->id},
                                      {u"status"_s, file->status},
                                      {u"data"_s, data}});
                return int(Ok);
            }
            if (chunks->isEmpty())
                c.out() << u"No chunks: file %1 is %2.\n"_s.arg(file->filename, file->status);
            for (const Chunk &chunk : chunks.value())
                c.out() << u"--- chunk %1 (%2 tokens, bytes %3-%4)\n%5\n"_s.arg(chunk.ordinal)
                               .arg(chunk.tokenCount)
                               .arg(chunk.startOffset)
                               .arg(chunk.endOffset)
                               .arg(QString::fromUtf8(chunk.text));
            return int(Ok);
        });
    return list;
}

QList<std::shared_ptr<Command>> searchCommands()
{
    QList<std::shared_ptr<Command>> list;
    list << std::make_shared<SimpleCommand>(
        u"search"_s,
        u"--tenant T --store S [--store S2]... [--filter JSON] [--max N] [--threshold X] [--ranker R] QUERY..."_s,
        u"Search stores of one tenant as OpenAI's /vector_stores/{id}/search does (viewer). The words of QUERY form "
        u"one query; --query adds further queries searched together."_s,
        QStringList{u"QUERY..."_s},
        QList<QCommandLineOption>{
            tenantOption(),
            {u"store"_s, u"A store to search, by name or id; repeat for several."_s, u"store"_s},
            {u"filter"_s, u"Attribute filter as JSON, e.g. {\"type\":\"eq\",\"key\":\"lang\",\"value\":\"en\"}."_s,
             u"json"_s},
            {u"max"_s, u"At most this many results, 1-50 (default 10)."_s, u"n"_s},
            {u"threshold"_s, u"Only results scoring at least this, 0-1 (default 0)."_s, u"score"_s},
            {u"ranker"_s, u"auto (default), none (one result per chunk) or default-2024-11-15."_s, u"ranker"_s},
            {u"rewrite-query"_s, u"Ask for query rewriting (accepted; the local engine reports it as not applied)."_s},
            {u"query"_s, u"A further query to search at the same time; repeatable."_s, u"text"_s}},
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            const QStringList stores = p.values(u"store"_s);
            if (stores.isEmpty())
                return c.usage(u"Name at least one store with --store NAME."_s);
            const QStringList queries = QStringList{args.join(u' ')} + p.values(u"query"_s);
            QJsonObject body{
                {u"query"_s,
                 queries.size() == 1 ? QJsonValue(queries.first()) : QJsonValue(QJsonArray::fromStringList(queries))}};
            if (p.isSet(u"filter"_s)) {
                QJsonParseError error;
                const QJsonDocument filter = QJsonDocument::fromJson(p.value(u"filter"_s).toUtf8(), &error);
                if (error.error != QJsonParseError::NoError)
                    return c.fail(ServiceError::invalid(
                        u"--filter is not valid JSON: %1 at offset %2."_s.arg(error.errorString()).arg(error.offset),
                        u"filters"_s));
                body.insert(u"filters"_s, filter.object());
            }
            if (p.isSet(u"max"_s)) {
                bool isNumber = false;
                const int max = p.value(u"max"_s).toInt(&isNumber);
                if (!isNumber)
                    return c.usage(u"--max needs a whole number from 1 to 50."_s);
                body.insert(u"max_num_results"_s, max);
            }
            QJsonObject ranking;
            if (p.isSet(u"threshold"_s)) {
                bool isNumber = false;
                const double threshold = p.value(u"threshold"_s).toDouble(&isNumber);
                if (!isNumber)
                    return c.usage(u"--threshold needs a number from 0 to 1."_s);
                ranking.insert(u"score_threshold"_s, threshold);
            }
            if (p.isSet(u"ranker"_s))
                ranking.insert(u"ranker"_s, p.value(u"ranker"_s));
            if (!ranking.isEmpty())
                body.insert(u"ranking_options"_s, ranking);
            if (p.isSet(u"rewrite-query"_s))
                body.insert(u"rewrite_query"_s, true);
            auto request = SearchRequest::fromJson(body);
            if (!request)
                return c.fail(request.error());
            auto response = c.service().search(tenant, stores, request.value());
            if (!response)
                return c.fail(response.error());
            if (c.json()) {
                printJson(c, response->toJson());
                return int(Ok);
            }
            if (response->data.isEmpty())
                c.out() << u"No results.\n"_s;
            int rank = 0;
            for (const SearchHit &hit : response->data) {
                c.out() << u"%1. %2  score %3  (file %4)\n"_s.arg(++rank)
                               .arg(hit.filename)
                               .arg(hit.score, 0, 'f', 3)
                               .arg(hit.fileId);
                if (!hit.attributes.isEmpty())
                    c.out() << u"   attributes: "_s
                            << QString::fromUtf8(QJsonDocument(hit.attributes).toJson(QJsonDocument::Compact)) << u'\n';
                if (!hit.matchedTerms.isEmpty())
                    c.out() << u"   matched: "_s << hit.matchedTerms.join(u", "_s) << u'\n';
                for (const QString &text : hit.content) {
                    QString excerpt = text.simplified();
                    if (excerpt.size() > 240)
                        excerpt = excerpt.left(239) + u'…';
                    c.out() << u"   > "_s << excerpt << u'\n';
                }
            }
            return int(Ok);
        });
    return list;
}

// ----- members, plans, audit, migrate

QList<std::shared_ptr<Command>> otherCommands()
{
    QList<std::shared_ptr<Command>> list;
    list << std::make_shared<SimpleCommand>(
        u"member add"_s, u"--tenant T OPERATOR --role viewer|editor|admin|owner"_s,
        u"Give an operator a role in a tenant, or change it (owner)."_s, QStringList{u"OPERATOR"_s},
        QList<QCommandLineOption>{tenantOption(), {u"role"_s, u"viewer, editor, admin or owner."_s, u"role"_s}},
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            const auto role = roleFromName(p.value(u"role"_s));
            if (!role)
                return c.usage(u"--role must be viewer, editor, admin or owner."_s);
            auto result = c.service().addMember(tenant, args[0], *role);
            if (!result)
                return c.fail(result.error());
            if (c.json())
                printJson(c, result->toJson());
            else
                c.out() << u"%1 is now %2 of %3.\n"_s.arg(result->operatorName, roleName(result->role), tenant);
            return int(Ok);
        });
    list << std::make_shared<SimpleCommand>(
        u"member list"_s, u"--tenant T"_s, u"List a tenant's members and their roles."_s, QStringList{},
        QList<QCommandLineOption>{tenantOption()}, [](Context &c, const QCommandLineParser &p, const QStringList &) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            auto result = c.service().listMembers(tenant);
            if (!result)
                return c.fail(result.error());
            if (c.json()) {
                printJson(c, listJson(result.value()));
                return int(Ok);
            }
            QList<QStringList> rows;
            for (const Membership &m : result.value())
                rows << QStringList{m.operatorName, roleName(m.role), formatTime(m.createdAt)};
            printTable(c, {u"OPERATOR"_s, u"ROLE"_s, u"SINCE"_s}, rows);
            return int(Ok);
        });
    list << std::make_shared<SimpleCommand>(
        u"member remove"_s, u"--tenant T OPERATOR"_s, u"Remove an operator from a tenant (owner)."_s,
        QStringList{u"OPERATOR"_s}, QList<QCommandLineOption>{tenantOption()},
        [](Context &c, const QCommandLineParser &p, const QStringList &args) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            auto result = c.service().removeMember(tenant, args[0]);
            if (!result)
                return c.fail(result.error());
            if (c.json())
                printJson(c, QJsonObject{{u"operator"_s, args[0]}, {u"removed"_s, true}});
            else
                c.out() << u"%1 is no longer a member of %2.\n"_s.arg(args[0], tenant);
            return int(Ok);
        });
    list << std::make_shared<SimpleCommand>(
        u"plan list"_s, QString(), u"List the plans and their limits."_s, QStringList{}, QList<QCommandLineOption>{},
        [](Context &c, const QCommandLineParser &, const QStringList &) {
            auto result = c.service().plans();
            if (!result)
                return c.fail(result.error());
            if (c.json()) {
                printJson(c, listJson(result.value()));
                return int(Ok);
            }
            QList<QStringList> rows;
            for (const Plan &plan : result.value())
                rows << QStringList{plan.name, QString::number(plan.limits.maxStores),
                                    QString::number(plan.limits.maxFilesPerStore),
                                    formatBytes(plan.limits.maxFileBytes), formatBytes(plan.limits.maxTotalBytes)};
            printTable(c, {u"PLAN"_s, u"STORES"_s, u"FILES/STORE"_s, u"MAX FILE"_s, u"STORAGE"_s}, rows);
            return int(Ok);
        });
    list << std::make_shared<SimpleCommand>(
        u"audit"_s, u"--tenant T [--limit N]"_s, u"Show a tenant's audit trail, newest first (admin)."_s, QStringList{},
        QList<QCommandLineOption>{tenantOption(), {u"limit"_s, u"At most this many entries (default 50)."_s, u"n"_s}},
        [](Context &c, const QCommandLineParser &p, const QStringList &) {
            bool ok = false;
            const QString tenant = tenantRef(c, p, &ok);
            if (!ok)
                return int(Usage);
            int limit = 50;
            if (p.isSet(u"limit"_s)) {
                auto value = intOption(c, p, u"limit"_s, 1, 10000);
                if (!value)
                    return int(Usage);
                limit = int(*value);
            }
            auto result = c.service().auditLog(tenant, limit);
            if (!result)
                return c.fail(result.error());
            if (c.json()) {
                printJson(c, listJson(result.value()));
                return int(Ok);
            }
            QList<QStringList> rows;
            for (const AuditEntry &e : result.value())
                rows << QStringList{formatTime(e.at), e.operatorName, e.action, e.target,
                                    QString::fromUtf8(QJsonDocument(e.detail).toJson(QJsonDocument::Compact))};
            printTable(c, {u"TIME"_s, u"OPERATOR"_s, u"ACTION"_s, u"TARGET"_s, u"DETAIL"_s}, rows);
            return int(Ok);
        });
    list << std::make_shared<SimpleCommand>(
        u"migrate"_s, u"[--status]"_s,
        u"Bring the database schema up to date (--status: only show applied and pending migrations)."_s, QStringList{},
        QList<QCommandLineOption>{{u"status"_s, u"Show the schema state without changing anything."_s}},
        [](Context &c, const QCommandLineParser &p, const QStringList &) {
            QString source;
            QString error;
            const auto url = DatabaseUrl::resolve(c.options().db, &source, &error);
            if (!url)
                return c.usage(error);
            Database db(url.value());
            if (!db.open(&error))
                return c.failText(error);
            Migrator migrator(db);
            QStringList appliedNow;
            if (!p.isSet(u"status"_s) && !migrator.migrate(&error, -1, &appliedNow))
                return c.failText(error);
            QList<int> pending;
            if (!migrator.verify(&pending, &error))
                return c.failText(error);
            QList<AppliedMigration> applied;
            if (!migrator.applied(&applied, &error))
                return c.failText(error);
            if (c.json()) {
                QJsonArray appliedJson;
                for (const AppliedMigration &m : applied)
                    appliedJson.append(QJsonObject{{u"version"_s, m.version},
                                                   {u"name"_s, m.name},
                                                   {u"checksum"_s, QString::fromLatin1(m.checksum)},
                                                   {u"applied_at"_s, m.appliedAt}});
                QJsonArray pendingJson;
                for (int v : pending)
                    pendingJson.append(migrator.available().at(v - 1).name);
                printJson(c,
                          QJsonObject{{u"database"_s, url->redacted()},
                                      {u"version"_s, applied.isEmpty() ? 0 : applied.constLast().version},
                                      {u"latest"_s, migrator.latestVersion()},
                                      {u"applied"_s, appliedJson},
                                      {u"applied_now"_s, QJsonArray::fromStringList(appliedNow)},
                                      {u"pending"_s, pendingJson}});
                return int(Ok);
            }
            c.out() << url->describe() << u'\n';
            for (const QString &name : std::as_const(appliedNow))
                c.out() << u"  applied now: "_s << name << u'\n';
            c.out() << u"  schema version %1 of %2, %3 pending\n"_s
                           .arg(applied.isEmpty() ? 0 : applied.constLast().version)
                           .arg(migrator.latestVersion())
                           .arg(pending.size());
            return int(Ok);
        },
        false);
    return list;
}

} // namespace

QList<std::shared_ptr<Command>> makeCommands()
{
    return tenantCommands() + storeCommands() + fileCommands() + searchCommands() + otherCommands() + syncCommands()
        + openaiCommands();
}

const QList<std::shared_ptr<Command>> &commands()
{
    static const QList<std::shared_ptr<Command>> all = makeCommands();
    return all;
}

} // namespace vd::cli
