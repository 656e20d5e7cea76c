#pragma once

#include "ui/attach/attachjob.h"

#include <QFrame>
#include <QPointer>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolButton;
class QThread;

namespace vd::ui {

class AttachModel;
class ChunkingEditor;
class KeyValueEditor;
class IngestionRunner;
class ServiceRunner;

// The inline sheet over the file table for attaching dropped or chosen files. It goes through
// checking (off the GUI thread) → preview (what will be attached, what is refused and why) →
// attaching (per-file and overall progress, cancel) → report (stays until closed; failed files
// can be retried). Nothing is written before the user confirms the preview.
class AttachSheet : public QFrame
{
    Q_OBJECT

public:
    enum class Phase { Idle, Checking, Preview, Attaching, Report };
    Q_ENUM(Phase)

    AttachSheet(ServiceRunner *runner, QWidget *parent = nullptr);
    ~AttachSheet() override;

    void setIngestionRunner(IngestionRunner *ingestion);

    // Checks the paths against the store and shows the preview.
    void start(qint64 tenantId, qint64 storeId, const QStringList &paths);
    // Attaches the ready rows (the preview's "Attach" button).
    void attach();
    // Cancels checking or attaching; closes the preview or the report.
    void cancelOrClose();
    // Makes failed and skipped rows ready and attaches them again.
    void retryFailed();

    Phase phase() const { return m_phase; }
    AttachModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *attachButton() const { return m_attachButton; }
    QPushButton *closeButton() const { return m_closeButton; }
    QPushButton *retryButton() const { return m_retryButton; }
    ChunkingEditor *chunkingEditor() const { return m_chunking; }
    // Attributes given to every file attached (as `file attach --attributes`); the toggle shows
    // the editor.
    QToolButton *attributesToggle() const { return m_attributesToggle; }
    KeyValueEditor *attributesEditor() const { return m_attributes; }
    QProgressBar *progressBar() const { return m_progress; }
    QString summaryText() const;

Q_SIGNALS:
    void phaseChanged(vd::ui::AttachSheet::Phase phase);
    // Some files were recorded in the store (its file list is out of date).
    void filesAttached(qint64 storeId);
    // Attaching ended; message is the one-line outcome for the status bar.
    void finished(const QString &message);
    void closed();

private:
    void setPhase(Phase phase);
    void updateTexts();
    void runJob(const QList<int> &rows);
    void onJobFinished(int attached, int failed, int skipped);

    ServiceRunner *m_runner = nullptr;
    QPointer<IngestionRunner> m_ingestion;
    AttachModel *m_model = nullptr;
    Phase m_phase = Phase::Idle;
    std::shared_ptr<std::atomic<bool>> m_planCancelled;
    QThread *m_thread = nullptr;
    AttachJob *m_job = nullptr;
    int m_jobTotal = 0;
    int m_jobDone = 0;
    int m_dropCount = 0;

    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QWidget *m_chunkingRow = nullptr;
    ChunkingEditor *m_chunking = nullptr;
    std::optional<ChunkingStrategy> m_jobChunking; // what the last attach used (retries use it too)
    QToolButton *m_attributesToggle = nullptr;
    KeyValueEditor *m_attributes = nullptr;
    QJsonObject m_jobAttributes;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_closeButton = nullptr;
    QPushButton *m_attachButton = nullptr;
};

} // namespace vd::ui
