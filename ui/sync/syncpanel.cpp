#include "ui/sync/syncpanel.h"

#include "core/engine/localengine.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/sync/syncworker.h"
#include "ui/models/displayformat.h"
#include "ui/settings/appsettings.h"
#include "ui/sync/synchistorydialog.h"

#include <QAction>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

QString phaseText(const QString &phase)
{
    if (phase == u"ingest"_s)
        return SyncPanel::tr("Indexing waiting files");
    if (phase == u"refresh"_s)
        return SyncPanel::tr("Refreshing remote stores");
    if (phase == u"expiry"_s)
        return SyncPanel::tr("Expiring stores");
    if (phase == u"purge"_s)
        return SyncPanel::tr("Purging deleted items");
    if (phase.isEmpty())
        return SyncPanel::tr("Starting");
    return phase.left(1).toUpper() + phase.mid(1);
}

// "acme / contracts / nda.txt" for a report item.
QString targetOf(const QJsonObject &item)
{
    QStringList parts;
    if (const QString t = item.value(u"tenant"_s).toObject().value(u"slug"_s).toString(); !t.isEmpty())
        parts << t;
    if (const QString s = item.value(u"store"_s).toObject().value(u"name"_s).toString(); !s.isEmpty())
        parts << s;
    if (const QString f = item.value(u"file"_s).toObject().value(u"filename"_s).toString(); !f.isEmpty())
        parts << f;
    return parts.join(u" / "_s);
}

QString actionText(const QString &action, qint64 n)
{
    const QString count = QLocale().toString(n);
    if (action == u"ingest"_s)
        return SyncPanel::tr("%Ln file(s) indexed", nullptr, int(n));
    if (action == u"refresh_store"_s)
        return SyncPanel::tr("%Ln store(s) refreshed", nullptr, int(n));
    if (action == u"refresh_file"_s)
        return SyncPanel::tr("%Ln file(s) refreshed", nullptr, int(n));
    if (action == u"expire"_s)
        return SyncPanel::tr("%Ln store(s) expired", nullptr, int(n));
    if (action == u"purge_file"_s)
        return SyncPanel::tr("%Ln file(s) purged", nullptr, int(n));
    if (action == u"purge_store"_s)
        return SyncPanel::tr("%Ln store(s) purged", nullptr, int(n));
    if (action == u"purge_tenant"_s)
        return SyncPanel::tr("%Ln tenant(s) purged", nullptr, int(n));
    return SyncPanel::tr("%1 × %2").arg(count, action);
}

// What an item of that action was doing, for "… failed: reason".
QString actionName(const QString &action)
{
    if (action == u"ingest"_s)
        return SyncPanel::tr("Indexing");
    if (action == u"refresh_store"_s)
        return SyncPanel::tr("Refreshing the store");
    if (action == u"refresh_file"_s)
        return SyncPanel::tr("Refreshing the file");
    if (action == u"expire"_s)
        return SyncPanel::tr("Expiring the store");
    if (action == u"purge_file"_s)
        return SyncPanel::tr("Purging the file");
    if (action == u"purge_store"_s)
        return SyncPanel::tr("Purging the store");
    if (action == u"purge_tenant"_s)
        return SyncPanel::tr("Purging the tenant");
    return action;
}

// Items done in a pass, from its counts per action and outcome.
qint64 doneCount(const QJsonObject &report)
{
    qint64 done = 0;
    const QJsonObject counts = report.value(u"counts"_s).toObject();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        done += it.value().toObject().value(u"done"_s).toInteger();
    return done;
}

// Whether a failed item (a live report item or a recorded {action, target, message}) is about one file.
bool isFileError(const QJsonObject &item)
{
    if (item.contains(u"file"_s))
        return true;
    return item.value(u"target"_s).toString().contains(u"/ file "_s)
        || item.value(u"target"_s).toString().startsWith(u"file "_s);
}

// Items a pass reported without doing anything (warnings: expiring stores, stuck files).
qint64 reportedCount(const QJsonObject &report)
{
    qint64 n = 0;
    const QJsonObject counts = report.value(u"counts"_s).toObject();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        n += it.value().toObject().value(u"reported"_s).toInteger();
    return n;
}

} // namespace

SyncPanel::SyncPanel(const DatabaseUrl &url, QWidget *parent)
    : QWidget(parent)
    , m_thread(new QThread(this))
    , m_timer(new QTimer(this))
{
    setObjectName(u"syncPanel"_s);

    SyncOptions options;
    options.triggeredBy = u"gui"_s;
    m_worker = new SyncWorker(url, engine::LocalEngine::rootFor(url), options);
    m_worker->moveToThread(m_thread);
    m_thread->setObjectName(u"vectordesk-sync"_s);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SyncWorker::passStarted, this, [this] { onStarted(); });
    connect(m_worker, &SyncWorker::progress, this, &SyncPanel::onProgress);
    connect(m_worker, &SyncWorker::itemFailed, this, &SyncPanel::onItemFailed);
    connect(m_worker, &SyncWorker::passFinished, this, &SyncPanel::onFinished);
    connect(m_worker, &SyncWorker::leaseHeld, this, &SyncPanel::onLeaseHeld);
    connect(m_worker, &SyncWorker::failed, this, &SyncPanel::onFailed);
    connect(m_worker, &SyncWorker::finished, this, &SyncPanel::onWorkerDone);
    m_thread->start(QThread::LowPriority);

    // Last run
    auto *lastBox = new QGroupBox(tr("Last run"), this);
    m_lastRun = new QLabel(tr("No pass recorded yet"), lastBox);
    m_lastRun->setObjectName(u"syncLastRun"_s);
    m_lastRun->setAccessibleName(tr("Last sync run"));
    m_lastRun->setWordWrap(true);
    m_lastRun->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_next = new QLabel(lastBox);
    m_next->setObjectName(u"syncNextRun"_s);
    m_next->setAccessibleName(tr("Next scheduled sync run"));
    m_summary = new QLabel(tr("—"), lastBox);
    m_summary->setObjectName(u"syncSummary"_s);
    m_summary->setAccessibleName(tr("What the last sync run did"));
    m_summary->setWordWrap(true);
    auto *lastForm = new QFormLayout(lastBox);
    lastForm->addRow(tr("Result:"), m_lastRun);
    lastForm->addRow(tr("Did:"), m_summary);
    lastForm->addRow(tr("Next run:"), m_next);

    // Running pass
    auto *runBox = new QGroupBox(tr("Now"), this);
    m_state = new QLabel(tr("Idle"), runBox);
    m_state->setObjectName(u"syncState"_s);
    m_state->setAccessibleName(tr("Sync state"));
    m_state->setWordWrap(true);
    m_progress = new QProgressBar(runBox);
    m_progress->setObjectName(u"syncProgress"_s);
    m_progress->setAccessibleName(tr("Sync progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("No pass running"));
    m_item = new QLabel(runBox);
    m_item->setObjectName(u"syncItem"_s);
    m_item->setAccessibleName(tr("Current sync item"));
    m_item->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_syncNow = new QPushButton(QIcon(u":/icons/actions/sync.svg"_s), tr("Sync &now"), runBox);
    m_syncNow->setObjectName(u"syncNowButton"_s);
    m_syncNow->setAccessibleName(tr("Sync now"));
    m_syncNow->setToolTip(tr("Index waiting files, refresh hosted stores, expire and purge now"));
    connect(m_syncNow, &QPushButton::clicked, this, [this] { syncNow(); });
    m_cancel = new QPushButton(tr("Cancel"), runBox);
    m_cancel->setObjectName(u"syncCancelButton"_s);
    m_cancel->setAccessibleName(tr("Cancel the sync pass"));
    m_cancel->setToolTip(tr("Stop the running pass after its current item"));
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, [this] { cancel(); });
    m_historyAction = new QAction(QIcon(u":/icons/actions/sync.svg"_s), tr("Sync &history…"), this);
    m_historyAction->setObjectName(u"syncHistoryAction"_s);
    m_historyAction->setToolTip(tr("Past sync passes: when, how long, the result, what they did, failed items and "
                                   "warnings"));
    m_historyAction->setEnabled(false); // until the window hands its runner
    connect(m_historyAction, &QAction::triggered, this, [this] { showHistory(); });
    m_historyButton = new QPushButton(tr("&History…"), runBox);
    m_historyButton->setObjectName(u"syncHistoryButton"_s);
    m_historyButton->setAccessibleName(tr("Sync history"));
    m_historyButton->setToolTip(m_historyAction->toolTip());
    m_historyButton->setEnabled(false);
    connect(m_historyButton, &QPushButton::clicked, m_historyAction, &QAction::trigger);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_syncNow);
    buttons->addWidget(m_historyButton);
    auto *runLayout = new QVBoxLayout(runBox);
    runLayout->addWidget(m_state);
    runLayout->addLayout(buttons);
    runLayout->addWidget(m_item);

    // Warnings and errors
    auto list = [this](const QString &name, const QString &accessible, const QString &placeholder) {
        auto *view = new QListWidget(this);
        view->setObjectName(name);
        view->setAccessibleName(accessible);
        view->setToolTip(placeholder);
        view->setWordWrap(true);
        view->setAlternatingRowColors(true);
        view->setSelectionMode(QAbstractItemView::ExtendedSelection);
        return view;
    };
    m_warnings = list(u"syncWarnings"_s, tr("Sync warnings"), tr("Stores expiring soon and files stuck in progress"));
    m_errors = list(u"syncErrors"_s, tr("Sync errors"), tr("Items the last pass could not do, and why"));
    for (QListWidget *view : {m_warnings, m_errors})
        connect(view, &QListWidget::itemActivated, this, [this](QListWidgetItem *entry) {
            const qint64 tenantId = entry->data(TenantIdRole).toLongLong();
            if (tenantId != 0)
                Q_EMIT showRequested(tenantId, entry->data(StoreIdRole).toLongLong(),
                                     entry->data(FileNameRole).toString());
        });
    auto *warnBox = new QGroupBox(tr("Warnings"), this);
    (new QVBoxLayout(warnBox))->addWidget(m_warnings);
    auto *errorBox = new QGroupBox(tr("Errors"), this);
    (new QVBoxLayout(errorBox))->addWidget(m_errors);
    auto *lists = new QHBoxLayout;
    lists->addWidget(warnBox);
    lists->addWidget(errorBox);

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(lastBox, 1);
    top->addWidget(runBox, 1);
    layout->addLayout(top);
    layout->addLayout(lists, 1);

    m_timer->setObjectName(u"syncTimer"_s);
    m_timer->setSingleShot(false);
    connect(m_timer, &QTimer::timeout, this, [this] { syncNow(); });
    reschedule();
    loadLastRun(url);
}

SyncPanel::~SyncPanel()
{
    shutdown();
}

void SyncPanel::setRunner(ServiceRunner *runner)
{
    m_runner = runner;
    m_historyAction->setEnabled(runner != nullptr);
    m_historyButton->setEnabled(runner != nullptr);
}

SyncHistoryDialog *SyncPanel::historyDialog() const
{
    return m_history.data();
}

void SyncPanel::showHistory()
{
    if (!m_runner)
        return;
    if (m_history) {
        m_history->reload();
        m_history->raise();
        m_history->activateWindow();
        return;
    }
    m_history = new SyncHistoryDialog(m_runner, window());
    m_history->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_history, &SyncHistoryDialog::showRequested, this, &SyncPanel::showRequested);
    m_history->show();
}

void SyncPanel::reschedule()
{
    m_timer->start(settings::syncIntervalMinutes() * 60 * 1000);
    updateNextRun();
}

void SyncPanel::updateNextRun()
{
    m_nextRun = QDateTime::currentDateTime().addMSecs(m_timer->remainingTime());
    m_next->setText(tr("%1 (every %2 min)")
                        .arg(format::dateTime(m_nextRun.toMSecsSinceEpoch()))
                        .arg(settings::syncIntervalMinutes()));
}

void SyncPanel::syncNow()
{
    if (m_running || !m_thread->isRunning())
        return;
    m_running = true;
    m_endMessage.clear();
    m_syncNow->setEnabled(false);
    m_cancel->setEnabled(true);
    m_state->setText(tr("Starting a pass…"));
    m_progress->setRange(0, 0); // busy until the first progress
    m_item->clear();
    m_errors->clear();
    SyncOptions options = m_worker->options();
    options.triggeredBy = u"gui"_s;
    options.retentionMs = qint64(settings::purgeRetentionDays()) * 24 * 60 * 60 * 1000;
    SyncWorker *worker = m_worker;
    // Options are set in the worker's thread, between passes.
    QMetaObject::invokeMethod(
        worker,
        [worker, options] {
            worker->setOptions(options);
            worker->runPass();
        },
        Qt::QueuedConnection);
    reschedule(); // the next timed pass counts from now
}

void SyncPanel::cancel()
{
    if (!m_running)
        return;
    m_worker->cancel();
    m_cancel->setEnabled(false);
    m_state->setText(tr("Cancelling after the current item…"));
}

void SyncPanel::shutdown()
{
    if (!m_thread->isRunning())
        return;
    m_timer->stop();
    if (m_worker)
        m_worker->cancel();
    m_thread->quit();
    m_thread->wait();
}

void SyncPanel::onStarted()
{
    m_state->setText(tr("Running (started by the GUI)"));
}

void SyncPanel::onProgress(const QString &phase, qint64 done, qint64 total, const QString &item)
{
    if (!m_running)
        return;
    m_state->setText(tr("Running: %1").arg(phaseText(phase)));
    const int max = int(qMin<qint64>(total, std::numeric_limits<int>::max()));
    m_progress->setFormat(tr("%v of %m"));
    m_progress->setRange(0, qMax(1, max));
    m_progress->setValue(int(qMin<qint64>(done, max)));
    m_item->setText(item);
}

void SyncPanel::addError(const QString &text, const QString &detail)
{
    auto *entry = new QListWidgetItem(QIcon(u":/icons/actions/error.svg"_s), text, m_errors);
    entry->setToolTip(detail.isEmpty() ? text : detail);
}

void SyncPanel::addEntry(QListWidget *list, const QIcon &icon, const QString &text, const QString &detail,
                         const QJsonObject &item)
{
    auto *entry = new QListWidgetItem(icon, text, list);
    const qint64 tenantId = item.value(u"tenant"_s).toObject().value(u"id"_s).toInteger();
    const qint64 storeId = item.value(u"store"_s).toObject().value(u"id"_s).toInteger();
    const QString fileName = item.value(u"file"_s).toObject().value(u"filename"_s).toString();
    QString tip = detail.isEmpty() ? text : detail;
    if (tenantId != 0) {
        entry->setData(TenantIdRole, tenantId);
        entry->setData(StoreIdRole, storeId);
        entry->setData(FileNameRole, fileName);
        tip += u"\n"_s
            + (!fileName.isEmpty() ? tr("Double-click to show the file in its store")
                   : storeId != 0  ? tr("Double-click to show the store")
                                   : tr("Double-click to show the tenant"));
    }
    entry->setToolTip(tip);
}

void SyncPanel::onItemFailed(const QString &action, const QString &target, const QString &error)
{
    addError(tr("%1 %2: %3").arg(action, target, error));
}

void SyncPanel::onFinished(const QJsonObject &report)
{
    m_lastReport = report;
    m_passEnded = true;
    const QJsonArray errors = report.value(u"errors"_s).toArray();
    const QJsonArray items = report.value(u"items"_s).toArray();
    const qint64 done = doneCount(report);
    showRun(report);
    m_warnings->clear();
    for (const QJsonValue &v : items) {
        const QJsonObject item = v.toObject();
        const QString action = item.value(u"action"_s).toString();
        if (action != u"expiry_warning"_s && action != u"stuck"_s)
            continue;
        const QString what = action == u"stuck"_s ? tr("Stuck") : tr("Expiring soon");
        const QString detail = format::withLocalTimes(item.value(u"detail"_s).toString());
        addEntry(m_warnings, QIcon(u":/icons/actions/warning.svg"_s),
                 tr("%1: %2%3").arg(what, targetOf(item), detail.isEmpty() ? QString() : u" — "_s + detail), detail,
                 item);
    }
    // The report's failed items replace the lines shown as they came (itemFailed): they name
    // the tenant, store and file, so each one leads there.
    m_errors->clear();
    for (const QJsonValue &v : errors) {
        const QJsonObject item = v.toObject();
        const QString error = format::withLocalTimes(item.value(u"error"_s).toString());
        addEntry(m_errors, QIcon(u":/icons/actions/error.svg"_s), tr("%1: %2").arg(targetOf(item), error),
                 tr("%1 failed: %2").arg(actionName(item.value(u"action"_s).toString()), error), item);
    }
    showPlaceholders();
    m_endMessage = errors.isEmpty() ? tr("Sync pass: %1; %Ln item(s) done", nullptr, int(done)).arg(resultText(report))
                                    : tr("Sync pass: %1 (see the Sync tab)").arg(resultText(report));
}

QString SyncPanel::startedByText(const QString &triggeredBy, const QString &host)
{
    const QString who = triggeredBy == u"gui"_s ? tr("the window")
        : triggeredBy == u"headless"_s          ? tr("vectordesk --sync")
                                                : tr("the CLI");
    return host.isEmpty() ? who : tr("%1 on %2").arg(who, host);
}

QString SyncPanel::resultText(const QJsonObject &report)
{
    const QString status = report.value(u"status"_s).toString();
    const QJsonArray errors = report.value(u"errors"_s).toArray();
    if (status == u"cancelled"_s)
        return tr("Cancelled");
    if (errors.isEmpty())
        return status == u"failed"_s ? tr("Failed") : tr("Completed");
    if (doneCount(report) == 0)
        return tr("Failed");
    // Work was done and some items failed: the pass completed, with errors.
    qsizetype fileErrors = 0;
    for (const QJsonValue &v : errors)
        fileErrors += isFileError(v.toObject()) ? 1 : 0;
    if (fileErrors == errors.size())
        return tr("Completed with %Ln file error(s)", nullptr, int(fileErrors));
    return tr("Completed with %Ln error(s)", nullptr, int(errors.size()));
}

void SyncPanel::showRun(const QJsonObject &report)
{
    const qsizetype failed = report.value(u"errors"_s).toArray().size();
    const double seconds = report.value(u"duration_ms"_s).toDouble() / 1000.0;
    const QString when = format::dateTime(report.value(u"finished_at"_s).toString());
    const QString took = QLocale().toString(seconds, 'f', 1);
    m_lastRun->setText(
        failed == 0 ? tr("%1 at %2: %3 done in %4 s").arg(resultText(report), when).arg(doneCount(report)).arg(took)
                    : tr("%1 at %2: %3 done, %4 failed, in %5 s")
                          .arg(resultText(report), when)
                          .arg(doneCount(report))
                          .arg(failed)
                          .arg(took));
    m_lastRun->setToolTip(
        tr("Run %1, started by %2")
            .arg(report.value(u"id"_s).toVariant().toString(),
                 startedByText(report.value(u"triggered_by"_s).toString(), report.value(u"host"_s).toString())));

    m_summary->setText(didText(report));
}

QString SyncPanel::didText(const QJsonObject &report)
{
    // "3 files indexed · 1 store refreshed" from the counts per action.
    QStringList did;
    const QJsonObject counts = report.value(u"counts"_s).toObject();
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        const QJsonObject outcomes = it.value().toObject();
        const qint64 n = outcomes.value(u"done"_s).toInteger();
        if (n > 0)
            did << actionText(it.key(), n);
    }
    const qint64 warnings = reportedCount(report);
    if (warnings > 0)
        did << tr("%Ln warning(s) (see Warnings)", nullptr, int(warnings));
    if (!report.value(u"errors"_s).toArray().isEmpty() && did.isEmpty())
        return tr("Nothing was done: every item failed (see Errors)");
    return did.isEmpty() ? tr("Nothing to do: everything was up to date") : did.join(u" · "_s);
}

qint64 SyncPanel::warningCount(const QJsonObject &report)
{
    return reportedCount(report);
}

void SyncPanel::loadLastRun(const DatabaseUrl &url)
{
    // The last pass recorded by any runner (this window, --sync from cron, another machine),
    // read off the GUI thread; shown unless a pass of this session has ended meanwhile.
    auto *watcher = new QFutureWatcher<QJsonObject>(this);
    connect(watcher, &QFutureWatcher<QJsonObject>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QJsonObject run = watcher->result();
        if (!m_passEnded && !run.isEmpty())
            showRun(run);
    });
    watcher->setFuture(QtConcurrent::run([url]() -> QJsonObject {
        auto session = CoreSession::open(url, QString());
        if (!session)
            return {};
        auto last = session.value()->service().lastSyncRun();
        if (!last || !last.value())
            return {};
        const SyncRunSummary &run = *last.value();
        return {{u"id"_s, run.id},
                {u"finished_at"_s, QDateTime::fromMSecsSinceEpoch(run.finishedAt, Qt::UTC).toString(Qt::ISODateWithMs)},
                {u"duration_ms"_s, run.finishedAt - run.startedAt},
                {u"host"_s, run.host},
                {u"triggered_by"_s, run.triggeredBy},
                {u"status"_s, run.status},
                {u"counts"_s, run.counts},
                {u"errors"_s, run.errors}};
    }));
}

void SyncPanel::onLeaseHeld(const QString &holder)
{
    m_passEnded = true;
    addError(tr("Another runner holds the sync lease: %1").arg(holder),
             tr("Only one runner syncs at a time; this pass was skipped and the next one is scheduled."));
    m_lastRun->setText(tr("Skipped: the lease is held by %1").arg(holder));
    m_endMessage = tr("Sync skipped: another runner holds the lease");
}

void SyncPanel::onFailed(const QString &message)
{
    m_passEnded = true;
    addError(tr("The sync pass failed: %1").arg(message));
    m_lastRun->setText(tr("Failed: %1").arg(message));
    m_endMessage = tr("Sync failed: %1").arg(message);
}

void SyncPanel::showPlaceholders()
{
    auto placeholder = [](QListWidget *list, const QString &text) {
        if (list->count() > 0)
            return;
        auto *entry = new QListWidgetItem(text, list);
        entry->setFlags(Qt::NoItemFlags);
        entry->setForeground(list->palette().color(QPalette::Disabled, QPalette::Text));
    };
    placeholder(m_warnings,
                tr("No warnings: no store expires within %1 days and no file is stuck")
                    .arg(m_worker ? m_worker->options().expiryWarningDays : 3));
    placeholder(m_errors, tr("No errors in the last pass"));
}

void SyncPanel::onWorkerDone()
{
    showPlaceholders();
    m_running = false;
    m_syncNow->setEnabled(true);
    m_cancel->setEnabled(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("No pass running"));
    m_state->setText(tr("Idle"));
    m_item->clear();
    updateNextRun();
    if (m_history)
        m_history->reload();
    Q_EMIT passEnded(m_endMessage);
}

} // namespace vd::ui
