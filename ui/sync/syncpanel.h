#pragma once

#include "core/storage/databaseurl.h"

#include <QDateTime>
#include <QIcon>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QThread;
class QTimer;

namespace vd {
class SyncWorker;
}

namespace vd::ui {

class ServiceRunner;
class SyncHistoryDialog;

// The sync panel (docs/gui.md): the sync worker on its own QThread, run on a timer
// ("sync/intervalMinutes") and by "Sync now"; shows the last run, the running pass with a cancel,
// the next scheduled run, warnings (expiring stores, stuck files) and errors (failed items, a
// lease held by another runner). The GUI thread never waits for a pass, except on shutdown().
class SyncPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SyncPanel(const DatabaseUrl &url, QWidget *parent = nullptr);
    ~SyncPanel() override;

    bool isRunning() const { return m_running; }
    QDateTime nextRun() const { return m_nextRun; }
    const QJsonObject &lastReport() const { return m_lastReport; }

    QPushButton *syncNowButton() const { return m_syncNow; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLabel *lastRunLabel() const { return m_lastRun; }
    QLabel *stateLabel() const { return m_state; }
    QListWidget *warningsList() const { return m_warnings; }
    QListWidget *errorsList() const { return m_errors; }
    // "Sync history…": the dialog of past passes (needs setRunner()).
    QAction *historyAction() const { return m_historyAction; }
    QPushButton *historyButton() const { return m_historyButton; }
    SyncHistoryDialog *historyDialog() const;
    // The window's service runner, which the history reads sync_runs with.
    void setRunner(ServiceRunner *runner);
    // Opens the history of sync passes (or raises it).
    void showHistory();

    // Starts a pass now (ignored while one runs).
    void syncNow();
    // Asks a running pass to stop after its current item.
    void cancel();
    // Cancels, stops the thread and waits for it (window close).
    void shutdown();
    // Re-reads the interval from the settings and reschedules.
    void reschedule();

    // The result of a pass in words: "Completed", "Completed with 3 file errors", "Failed",
    // "Cancelled" (a live report or a recorded sync_runs row).
    static QString resultText(const QJsonObject &report);
    // What a pass did in words: "4 files indexed · 1 store refreshed · 1 warning (see Warnings)".
    static QString didText(const QJsonObject &report);
    // Who started a pass: "the window", "vectordesk --sync" or "the CLI", with " on HOST".
    static QString startedByText(const QString &triggeredBy, const QString &host);
    // The items a pass reported without doing them (its warnings), from its counts.
    static qint64 warningCount(const QJsonObject &report);
    // Roles of a warning or error entry that names a tenant, store or file.
    enum EntryRole { TenantIdRole = Qt::UserRole + 1, StoreIdRole, FileNameRole };

signals:
    // A pass ended (files and stores may have changed); message for the status bar.
    void passEnded(const QString &message);
    // A warning or error was activated (double-click, Enter): show that store (storeId 0: the
    // tenant) and, when fileName is set, that file.
    void showRequested(qint64 tenantId, qint64 storeId, const QString &fileName);

private:
    void onStarted();
    void onProgress(const QString &phase, qint64 done, qint64 total, const QString &item);
    void onItemFailed(const QString &action, const QString &target, const QString &error);
    void onFinished(const QJsonObject &report);
    void onLeaseHeld(const QString &holder);
    void onFailed(const QString &message);
    void onWorkerDone();
    void updateNextRun();
    // The result line and summary of a pass (a live report or a recorded sync_runs row).
    void showRun(const QJsonObject &report);
    void loadLastRun(const DatabaseUrl &url);
    void showPlaceholders();
    void addError(const QString &text, const QString &detail = {});
    // Adds an entry for a report item, clickable when it names a tenant.
    void addEntry(QListWidget *list, const QIcon &icon, const QString &text, const QString &detail,
                  const QJsonObject &item);

    QThread *m_thread = nullptr;
    SyncWorker *m_worker = nullptr;
    QTimer *m_timer = nullptr;
    bool m_running = false;
    bool m_passEnded = false; // a pass of this session has ended
    QString m_endMessage;
    QDateTime m_nextRun;
    QJsonObject m_lastReport;

    QLabel *m_lastRun = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_state = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_item = nullptr;
    QLabel *m_next = nullptr;
    QPushButton *m_syncNow = nullptr;
    QPushButton *m_cancel = nullptr;
    QListWidget *m_warnings = nullptr;
    QListWidget *m_errors = nullptr;
    QAction *m_historyAction = nullptr;
    QPushButton *m_historyButton = nullptr;
    ServiceRunner *m_runner = nullptr;
    QPointer<SyncHistoryDialog> m_history;
};

} // namespace vd::ui
