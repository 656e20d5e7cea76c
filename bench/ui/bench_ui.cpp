// The file table at 100,000 files: opens a store of that size in the real main window and
// reports the time to the first rows, the time to scroll to the last row (every batch fetched
// by the view as it scrolls), a sort and a filter in the database, and the longest event-loop
// stall over all of it (a 1 ms timer measures how late it fires). Targets: first rows < 200 ms,
// no stall > 50 ms. With --drop it drops a folder of FILES small text files on the window instead
// and measures the preview, the attach and the indexing that follows, with the longest stall of
// each. With --file-page it indexes one file of CHUNKS chunks and opens its file page: the time to
// its first chunk rows, to its last chunk (every page read on a worker on the way) and the
// longest stall of each. Run by hand (docs/benchmarks.md):
//
//   QT_QPA_PLATFORM=offscreen build/bench/ui/bench_ui [FILES]
//   QT_QPA_PLATFORM=offscreen build/bench/ui/bench_ui --drop [FILES]
//   QT_QPA_PLATFORM=offscreen build/bench/ui/bench_ui --file-page [CHUNKS]

#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "ui/actions/storeactions.h"
#include "ui/attach/attachmodel.h"
#include "ui/attach/attachsheet.h"
#include "ui/data/ingestionrunner.h"
#include "ui/files/chunkmodel.h"
#include "ui/files/filepage.h"
#include "ui/mainwindow.h"
#include "ui/models/filetablemodel.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/panels/tenantpanel.h"
#include "ui/widgets/placeholdertableview.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// How late a 1 ms timer fires: the longest time the event loop was busy elsewhere.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(1);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 gap = m_clock.restart();
            m_worst = qMax(m_worst, gap);
        });
    }
    void start()
    {
        m_worst = 0;
        m_clock.start();
        m_timer.start();
    }
    qint64 worst() const { return m_worst; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_worst = 0;
};

bool spin(const std::function<bool()> &done, int msecs = 120'000)
{
    QDeadlineTimer deadline(msecs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

bool fill(const vd::DatabaseUrl &url, int files, qint64 *tenantId, qint64 *storeId)
{
    vd::Database db(url);
    QString error;
    if (!vd::Database::openAndMigrate(db, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    vd::CoreSession serviceSession(db, u"bench"_s);
    vd::VectorStoreService &service = serviceSession.service();
    vd::TenantDraft tenant;
    tenant.slug = u"bench"_s;
    tenant.plan = u"enterprise"_s;
    auto t = service.createTenant(tenant);
    vd::StoreDraft store;
    store.name = u"big"_s;
    auto s = t ? service.createStore(u"bench"_s, store) : vd::Result<vd::VectorStore>(t.error());
    if (!s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message()));
        return false;
    }
    *tenantId = t->id;
    *storeId = s->id;
    // Straight into the table in one transaction: attaching 100k files one by one through the
    // service (each with its audit row) would take minutes and measure something else.
    QSqlDatabase c = db.connection();
    c.transaction();
    QSqlQuery q(c);
    q.prepare(u"INSERT INTO vector_store_files (store_id, tenant_id, filename, mime_type, size_bytes, sha256, status, "
              u"attributes, chunking_type, chunk_max_tokens, chunk_overlap_tokens, created_at, updated_at, "
              u"status_changed_at, last_error_code, last_error_message) "
              u"VALUES (?, ?, ?, 'text/plain', ?, ?, ?, ?, 'auto', 800, 400, ?, ?, ?, ?, ?)"_s);
    const QStringList statuses = {u"completed"_s, u"completed"_s, u"completed"_s, u"in_progress"_s, u"failed"_s};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < files; ++i) {
        q.addBindValue(*storeId);
        q.addBindValue(*tenantId);
        q.addBindValue(u"document-%1.txt"_s.arg(i, 6, 10, QChar(u'0')));
        q.addBindValue(qint64(1000 + (i * 7919) % 500000));
        q.addBindValue(u"%1"_s.arg(i, 64, 16, QChar(u'0')));
        q.addBindValue(statuses.at(i % statuses.size()));
        q.addBindValue(u"{\"n\":%1}"_s.arg(i));
        q.addBindValue(now - i);
        q.addBindValue(now - i);
        q.addBindValue(now - i);
        const bool failed = statuses.at(i % statuses.size()) == u"failed"_s;
        q.addBindValue(failed ? QVariant(u"invalid_file"_s) : QVariant(QMetaType::fromType<QString>()));
        q.addBindValue(failed ? QVariant(u"The document has no extractable text."_s)
                              : QVariant(QMetaType::fromType<QString>()));
        if (!q.exec()) {
            std::fprintf(stderr, "%s\n", qPrintable(q.lastError().text()));
            return false;
        }
    }
    QSqlQuery(c).exec(u"UPDATE vector_stores SET files_completed = %1 WHERE id = %2"_s.arg(files).arg(*storeId));
    return c.commit();
}

// A folder of `files` small text files dropped on an empty store: preview (every file hashed
// and checked on a worker), attach (one service call per file on the attach thread) and indexing
// (the ingestion thread), while the window stays responsive.
int dropBench(int files)
{
    QTemporaryDir dir;
    QString error;
    const auto url = vd::DatabaseUrl::parse(dir.filePath(u"bench.sqlite"_s), &error);
    qint64 tenantId = 0;
    qint64 storeId = 0;
    if (!url || !fill(*url, 0, &tenantId, &storeId))
        return 1;
    const QString folder = dir.filePath(u"drop"_s);
    QDir().mkpath(folder);
    for (int i = 0; i < files; ++i) {
        QFile f(u"%1/note-%2.txt"_s.arg(folder).arg(i, 5, 10, QChar(u'0')));
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write(u"Field note %1: the wing flutter at %2 knots was recorded by observer %3.\n"_s.arg(i)
                    .arg(200 + i % 300)
                    .arg(i % 17)
                    .toUtf8());
    }

    vd::ui::MainWindow window(*url, u"bench"_s);
    window.resize(1280, 800);
    window.show();
    vd::ui::FilePanel *panel = window.filePanel();
    if (!spin([&] { return panel->model()->storeId() == storeId && !panel->model()->isLoading(); }))
        return 1;
    vd::ui::AttachSheet *sheet = panel->attachSheet();
    bool indexed = false;
    QObject::connect(window.ingestionRunner(), &vd::ui::IngestionRunner::idle, &window, [&] { indexed = true; });
    // One step: start it, wait until it is done; its time and the longest stall meanwhile.
    struct Step
    {
        qint64 ms = -1;
        qint64 stall = -1;
    };
    StallMeter stalls;
    auto step = [&stalls](const std::function<void()> &begin, const std::function<bool()> &done, int limitMs) {
        QElapsedTimer clock;
        stalls.start();
        clock.start();
        begin();
        return spin(done, limitMs) ? Step{clock.elapsed(), stalls.worst()} : Step{};
    };
    using Phase = vd::ui::AttachSheet::Phase;
    const Step preview =
        step([&] { panel->attachPaths({folder}); }, [&] { return sheet->phase() == Phase::Preview; }, 600'000);
    const int ready = sheet->model()->count(vd::ui::AttachItem::State::Ready);
    const Step attach = step(
        [&] {
            indexed = false; // only the indexing of this drop counts
            sheet->attach();
        },
        [&] { return sheet->phase() == Phase::Report; }, 600'000);
    const int attached = sheet->model()->count(vd::ui::AttachItem::State::Attached);
    const Step index = step([] {}, [&] { return indexed; }, 1'800'000);
    if (preview.ms < 0 || attach.ms < 0 || index.ms < 0)
        return 1;
    spin([&] { return panel->model()->totalCount() == files && !panel->model()->isLoading(); }, 10'000);

    out() << "dropped files         " << files << " in one folder" << Qt::endl
          << "preview               " << preview.ms << " ms, " << ready << " ready (worst stall " << preview.stall
          << " ms)" << Qt::endl
          << "attach                " << attach.ms << " ms, " << attached << " attached (worst stall " << attach.stall
          << " ms)" << Qt::endl
          << "indexing to idle      " << index.ms << " ms (worst stall " << index.stall << " ms)" << Qt::endl
          << "file table            " << panel->model()->totalCount() << " files" << Qt::endl
          << "longest stall overall " << qMax(preview.stall, qMax(attach.stall, index.stall)) << " ms" << Qt::endl;
    return ready == files && attached == files ? 0 : 1;
}

// One file of about `chunks` chunks (100-token chunks, no overlap) indexed by the local engine,
// then its file page opened in the real window: first rows, the last chunk, stalls.
int filePageBench(int chunks)
{
    QTemporaryDir dir;
    QString error;
    const auto url = vd::DatabaseUrl::parse(dir.filePath(u"bench.sqlite"_s), &error);
    qint64 tenantId = 0;
    qint64 storeId = 0;
    if (!url || !fill(*url, 0, &tenantId, &storeId))
        return 1;
    QElapsedTimer clock;
    clock.start();
    const QString path = dir.filePath(u"long.txt"_s);
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        // About ten tokens a sentence, a hundred a chunk.
        for (qint64 i = 0; i < qint64(chunks) * 10; ++i)
            f.write(u"Sentence %1 reports the wing flutter at %2 knots. "_s.arg(i).arg(200 + i % 300).toUtf8());
    }
    qint64 fileId = 0;
    {
        vd::Database db(*url);
        if (!db.open(&error))
            return 1;
        vd::engine::LocalEngine local(vd::engine::LocalEngine::rootFor(*url));
        auto backends = [&](vd::BackendKind) -> vd::VectorStoreBackend * {
            return &local;
        };
        vd::VectorStoreService service(db, u"bench"_s, backends);
        vd::ChunkingStrategy small;
        small.type = u"static"_s;
        small.maxChunkSizeTokens = 100;
        small.chunkOverlapTokens = 0;
        auto file = service.attachPath(QString::number(tenantId), QString::number(storeId), path, {}, small);
        if (!file) {
            std::fprintf(stderr, "%s\n", qPrintable(file.error().message()));
            return 1;
        }
        fileId = file->id;
        vd::engine::Ingestor ingestor(db, backends);
        auto drained = ingestor.drain([] { return false; }, {}, tenantId, storeId);
        if (!drained || drained->completed != 1) {
            std::fprintf(stderr, "indexing failed\n");
            return 1;
        }
    }
    out() << "indexed 1 file in " << clock.elapsed() << " ms" << Qt::endl;

    vd::ui::MainWindow window(*url, u"bench"_s);
    window.resize(1280, 800);
    window.show();
    vd::ui::FilePanel *panel = window.filePanel();
    if (!spin([&] { return panel->model()->storeId() == storeId && panel->model()->rowCount() == 1; }))
        return 1;
    StallMeter stalls;
    stalls.start();
    clock.restart();
    vd::ui::FilePage *page = window.storeActions()->openFilePage(tenantId, storeId, fileId);
    if (!spin([&] { return page->chunks()->rowCount() > 0; }))
        return 1;
    const qint64 firstRows = clock.elapsed();
    const qint64 firstStall = stalls.worst();
    stalls.start();
    clock.restart();
    bool shown = false;
    QObject::connect(page, &vd::ui::FilePage::chunkShown, page, [&shown] { shown = true; });
    page->showChunk(chunks * 2); // past the end: every page is read, the last one selected
    if (!spin([&] { return shown && !page->chunks()->hasMore(); }, 600'000))
        return 1;
    const qint64 toLast = clock.elapsed();
    const qint64 lastStall = stalls.worst();
    stalls.start();
    clock.restart();
    page->chunkTable()->scrollToTop();
    page->chunkTable()->setCurrentIndex(page->chunks()->index(page->chunks()->rowCount() / 2, 0));
    spin([] { return false; }, 300);
    const qint64 scrollStall = stalls.worst();
    out() << "file page             " << page->chunks()->rowCount() << " chunks" << Qt::endl
          << "first chunk rows      " << firstRows << " ms (worst stall " << firstStall << " ms)" << Qt::endl
          << "to the last chunk     " << toLast << " ms, every page read (worst stall " << lastStall << " ms)"
          << Qt::endl
          << "scroll and select     worst stall " << scrollStall << " ms" << Qt::endl
          << "longest stall overall " << qMax(firstStall, qMax(lastStall, scrollStall)) << " ms" << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QStringList args = app.arguments().mid(1);
    if (args.value(0) == u"--file-page"_s)
        return filePageBench(args.size() > 1 ? args.at(1).toInt() : 10'000);
    if (args.value(0) == u"--drop"_s)
        return dropBench(args.size() > 1 ? args.at(1).toInt() : 3'000);
    const int files = args.isEmpty() ? 100'000 : args.first().toInt();
    QTemporaryDir dir;
    QString error;
    const auto url = vd::DatabaseUrl::parse(dir.filePath(u"bench.sqlite"_s), &error);
    qint64 tenantId = 0;
    qint64 storeId = 0;
    QElapsedTimer clock;
    clock.start();
    if (!url || !fill(*url, files, &tenantId, &storeId))
        return 1;
    out() << "filled " << files << " files in " << clock.elapsed() << " ms" << Qt::endl;
    {
        // The two statements behind the first rows, timed on their own (no window, no threads).
        vd::Database db(*url);
        db.open(&error);
        vd::CoreSession serviceSession(db, u"bench"_s);
        vd::VectorStoreService &service = serviceSession.service();
        vd::FileQuery query;
        query.limit = 500;
        const QString t = QString::number(tenantId);
        const QString s = QString::number(storeId);
        const auto warm = service.countFiles(t, s, query); // warm the page cache, as the window finds it
        Q_UNUSED(warm);
        clock.restart();
        auto count = service.countFiles(t, s, query);
        const qint64 countTime = clock.elapsed();
        clock.restart();
        auto page = service.listFiles(t, s, query);
        const qint64 pageTime = clock.elapsed();
        out() << "count(*) " << countTime << " ms, first page of 500 by name " << pageTime << " ms ("
              << (count ? count.value() : -1) << " files)" << Qt::endl;
    }

    vd::ui::MainWindow window(*url, u"bench"_s);
    window.resize(1280, 800);
    window.show();
    vd::ui::FilePanel *panel = window.filePanel();
    vd::ui::FileTableModel *model = panel->model();
    vd::ui::PlaceholderTableView *view = panel->view();
    StallMeter stalls;

    // 1. Open the store: the window selects the tenant and its only store by itself.
    stalls.start();
    clock.restart();
    if (!spin([&] { return model->rowCount() > 0; }))
        return 1;
    const qint64 firstRows = clock.elapsed();
    const qint64 openStall = stalls.worst();

    // 2. Scroll to the end: the view fetches a batch each time it reaches the last loaded row.
    stalls.start();
    clock.restart();
    int scrolls = 0;
    if (!spin([&] {
            view->scrollToBottom();
            ++scrolls;
            return model->rowCount() >= files && !model->isFetching();
        }))
        return 1;
    const qint64 scrollEnd = clock.elapsed();
    const qint64 scrollStall = stalls.worst();

    // 3. Sort by size (descending) in the database; 4. filter by name.
    stalls.start();
    clock.restart();
    view->horizontalHeader()->setSortIndicator(vd::ui::FileTableModel::SizeColumn, Qt::DescendingOrder);
    if (!spin([&] {
            return !model->isLoading() && model->sortColumn() == vd::ui::FileTableModel::SizeColumn
                && model->rowCount() > 0;
        }))
        return 1;
    const qint64 sortTime = clock.elapsed();
    const qint64 sortStall = stalls.worst();
    stalls.start();
    clock.restart();
    model->setNameFilter(u"-0999"_s);
    if (!spin([&] { return !model->isLoading() && model->totalCount() >= 0 && model->totalCount() < files; }))
        return 1;
    const qint64 filterTime = clock.elapsed();
    const qint64 matches = model->totalCount();
    const qint64 filterStall = stalls.worst();

    // 5. Open the store again (as a click on its row does): only the file load is timed.
    model->setNameFilter({});
    spin([&] { return !model->isLoading(); });
    panel->setStore(0, 0, {}, {});
    stalls.start();
    clock.restart();
    panel->setStore(tenantId, storeId, u"bench"_s, u"big"_s);
    if (!spin([&] { return model->rowCount() > 0; }))
        return 1;
    const qint64 reopen = clock.elapsed();
    const qint64 reopenStall = stalls.worst();

    out() << "files                 " << files << Qt::endl
          << "first rows at start   " << firstRows << " ms, tenants → stores → files (worst stall " << openStall
          << " ms)" << Qt::endl
          << "first rows of store   " << reopen << " ms (worst stall " << reopenStall << " ms)" << Qt::endl
          << "scroll to the end     " << scrollEnd << " ms, " << files / model->batchSize() << " batches (worst stall "
          << scrollStall << " ms)" << Qt::endl
          << "sort by size          " << sortTime << " ms (worst stall " << sortStall << " ms)" << Qt::endl
          << "filter by name        " << filterTime << " ms, " << matches << " matches (worst stall " << filterStall
          << " ms)" << Qt::endl
          << "longest stall overall " << qMax(qMax(openStall, scrollStall), qMax(sortStall, filterStall)) << " ms"
          << Qt::endl;
    return 0;
}
