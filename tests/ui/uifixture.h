#pragma once

// A real SQLite database with two tenants, three stores and a few files, made through
// VectorStoreService, for the UI tests.

#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/storage/databaseurl.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace vd::test {

using namespace Qt::StringLiterals;

struct UiFixture
{
    QTemporaryDir dir;
    DatabaseUrl url;
    QString operatorName = u"alice"_s;
    qint64 acme = 0; // Acme Corp (starter): stores contracts (5 files, one failed) and invoices (2)
    qint64 globex = 0; // Globex (free): store research (1 file)
    qint64 contracts = 0;
    qint64 invoices = 0;
    qint64 research = 0;
    qint64 failedFile = 0; // sow.docx in contracts
    qint64 completedFile = 0; // nda.txt in contracts

    // Sizes chosen so that text order ("10 bytes" < "9 bytes") and numeric order differ.
    static QList<qint64> contractSizes() { return {2'000'000, 9, 10, 100, 5'000}; }

    static QString sha256Of(const QString &text)
    {
        return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
    }

    // Fails the calling test (and returns false) when anything goes wrong.
    bool create()
    {
        if (!dir.isValid()) {
            qWarning("cannot create a temporary folder");
            return false;
        }
        QString error;
        auto parsed = DatabaseUrl::parse(dir.filePath(u"ui.sqlite"_s), &error);
        if (!parsed) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        url = *parsed;
        Database db(url);
        if (!Database::openAndMigrate(db, &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        CoreSession session(db, operatorName);
        VectorStoreService &service = session.service(); // the first operator: instance admin

        auto tenant = [&](const QString &slug, const QString &name, const QString &plan) -> qint64 {
            TenantDraft draft;
            draft.slug = slug;
            draft.displayName = name;
            draft.plan = plan;
            auto created = service.createTenant(draft);
            if (!created)
                qWarning("%s", qPrintable(created.error().message()));
            return created ? created->id : 0;
        };
        auto store = [&](qint64 tenantId, const QString &name) -> qint64 {
            StoreDraft draft;
            draft.name = name;
            auto created = service.createStore(QString::number(tenantId), draft);
            if (!created)
                qWarning("%s", qPrintable(created.error().message()));
            return created ? created->id : 0;
        };
        auto attach = [&](qint64 tenantId, qint64 storeId, const QString &name, qint64 size,
                          const QJsonObject &attributes = {}) -> qint64 {
            FileDraft draft;
            draft.filename = name;
            draft.sizeBytes = size;
            draft.sha256 = sha256Of(name);
            draft.attributes = attributes;
            auto attached = service.attachFile(QString::number(tenantId), QString::number(storeId), draft);
            if (!attached)
                qWarning("%s", qPrintable(attached.error().message()));
            return attached ? attached->id : 0;
        };

        acme = tenant(u"acme"_s, u"Acme Corp"_s, u"starter"_s);
        globex = tenant(u"globex"_s, u"Globex"_s, u"free"_s);
        contracts = store(acme, u"contracts"_s);
        invoices = store(acme, u"invoices"_s);
        research = store(globex, u"research"_s);
        const QList<qint64> sizes = contractSizes();
        const QStringList names = {u"msa-2024.pdf"_s, u"nda.txt"_s, u"pricing.md"_s, u"sow.docx"_s, u"appendix.txt"_s};
        for (int i = 0; i < names.size(); ++i) {
            const QJsonObject attributes =
                i == 0 ? QJsonObject{{u"customer"_s, u"initech"_s}, {u"year"_s, 2024}} : QJsonObject{};
            const qint64 id = attach(acme, contracts, names.at(i), sizes.at(i), attributes);
            if (names.at(i) == u"sow.docx"_s)
                failedFile = id;
            if (names.at(i) == u"nda.txt"_s)
                completedFile = id;
        }
        attach(acme, invoices, u"inv-001.txt"_s, 300);
        attach(acme, invoices, u"inv-002.txt"_s, 200);
        attach(globex, research, u"paper.md"_s, 1234);
        if (!acme || !globex || !contracts || !invoices || !research || !failedFile || !completedFile)
            return false;

        return finishFile(db, completedFile, u"completed"_s, {}, {}, 4096)
            && finishFile(db, failedFile, u"failed"_s, u"invalid_file"_s, u"The document has no extractable text."_s, 0)
            && recountStore(db, contracts);
    }

    // Stands in for the ingestion worker, which no VectorStoreService call exposes: records the
    // outcome of one file the way the worker does.
    static bool finishFile(Database &db, qint64 fileId, const QString &status, const QString &code,
                           const QString &message, qint64 usageBytes)
    {
        QSqlQuery q(db.connection());
        q.prepare(u"UPDATE vector_store_files SET status = ?, last_error_code = ?, last_error_message = ?, "
                  u"usage_bytes = ?, status_changed_at = ? WHERE id = ?"_s);
        q.addBindValue(status);
        q.addBindValue(code.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(code));
        q.addBindValue(message.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(message));
        q.addBindValue(usageBytes);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        q.addBindValue(fileId);
        return q.exec();
    }

    static bool recountStore(Database &db, qint64 storeId)
    {
        QSqlQuery q(db.connection());
        q.prepare(u"UPDATE vector_stores SET "
                  u"files_in_progress = (SELECT count(*) FROM vector_store_files f WHERE f.store_id = vector_stores.id "
                  u"AND f.deleted_at IS NULL AND f.status = 'in_progress'), "
                  u"files_completed = (SELECT count(*) FROM vector_store_files f WHERE f.store_id = vector_stores.id "
                  u"AND f.deleted_at IS NULL AND f.status = 'completed'), "
                  u"files_failed = (SELECT count(*) FROM vector_store_files f WHERE f.store_id = vector_stores.id "
                  u"AND f.deleted_at IS NULL AND f.status = 'failed'), "
                  u"usage_bytes = (SELECT coalesce(sum(f.usage_bytes), 0) FROM vector_store_files f WHERE "
                  u"f.store_id = vector_stores.id AND f.deleted_at IS NULL) WHERE id = ?"_s);
        q.addBindValue(storeId);
        return q.exec();
    }
};

} // namespace vd::test
