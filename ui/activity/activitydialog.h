#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;
class QTimer;

namespace vd::ui {

// View › Activity (docs/observability.md, docs/gui.md): what this window's process has done
// lately, read from memory only (metrics::recentOperations, the latency histograms,
// logging::recentLines), refreshed every two seconds; nothing here touches the database.
// - recent operations with request id, duration and outcome; selecting one shows its log lines;
// - the count, p50 and p95 of the main latencies and the main counters;
// - the ingestion queue now (files waiting, the oldest's wait): the one reading of the database,
//   asked for with stateWanted() (on show and every 10 s) and done by the window's runner;
// - the log tail, filtered by level, category and request id.
class ActivityDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ActivityDialog(QWidget *parent = nullptr);

    // Reads the records again.
    void refresh();
    // Shows only the log lines of this request (empty: all).
    void showRequest(const QString &requestId);
    // The lines of the file's last ingestion in this process; false (and a note saying so) when
    // this process has not ingested it.
    bool showFile(qint64 fileId, const QString &filename);

    QTableWidget *operationTable() const { return m_operations; }
    QTableWidget *latencyTable() const { return m_latencies; }
    QTableWidget *logTable() const { return m_log; }
    QComboBox *levelBox() const { return m_level; }
    QLineEdit *categoryField() const { return m_category; }
    QLineEdit *requestField() const { return m_request; }
    QLabel *noteLabel() const { return m_note; }

    // The queue gauges were read (error empty) or could not be (error says why).
    void stateRead(const QString &error);

signals:
    // Asks the owner to read the state gauges (VectorStoreService::refreshStateMetrics) off the
    // GUI thread and to call stateRead() with the outcome.
    void stateWanted();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fillOperations();
    void fillLatencies();
    void fillLog();

    QTableWidget *m_operations = nullptr;
    QTableWidget *m_latencies = nullptr;
    QTableWidget *m_log = nullptr;
    QComboBox *m_level = nullptr;
    QLineEdit *m_category = nullptr;
    QLineEdit *m_request = nullptr;
    QLabel *m_note = nullptr;
    QTimer *m_timer = nullptr;
    int m_ticks = 0;
    qint64 m_stateReadAt = 0; // 0: not read yet
    QString m_stateError;
};

} // namespace vd::ui
