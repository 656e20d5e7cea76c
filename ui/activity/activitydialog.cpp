#include "ui/activity/activitydialog.h"

#include "core/logging/logging.h"
#include "core/metrics/metrics.h"
#include "ui/models/displayformat.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

QTableWidget *table(QWidget *parent, const QString &name, const QStringList &headers)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    return t;
}

void setRow(QTableWidget *t, int row, const QStringList &cells)
{
    for (int c = 0; c < cells.size(); ++c) {
        auto *item = new QTableWidgetItem(cells.at(c));
        item->setToolTip(cells.at(c));
        t->setItem(row, c, item);
    }
}

QString millis(double seconds)
{
    return seconds < 1 ? QObject::tr("%1 ms").arg(QLocale().toString(seconds * 1000.0, 'f', 1))
                       : QObject::tr("%1 s").arg(QLocale().toString(seconds, 'f', 2));
}

QString time(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).time(), u"HH:mm:ss"_s);
}

} // namespace

ActivityDialog::ActivityDialog(QWidget *parent)
    : QDialog(parent)
    , m_timer(new QTimer(this))
{
    setObjectName(u"activityDialog"_s);
    setWindowTitle(tr("Activity"));
    resize(1000, 720);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("What this window has done lately, newest first. Select an operation to see its log "
                                "lines; copy a request id to find it in the JSON log or the audit trail."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *top = new QSplitter(Qt::Horizontal, splitter);
    m_operations = table(top, u"activityOperations"_s,
                         {tr("Time"), tr("Operation"), tr("Tenant"), tr("Duration"), tr("Outcome"), tr("Request id")});
    m_latencies = table(top, u"activityLatencies"_s, {tr("Measure"), tr("Count"), tr("p50"), tr("p95")});
    top->addWidget(m_operations);
    top->addWidget(m_latencies);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);

    auto *logPane = new QWidget(splitter);
    auto *logLayout = new QVBoxLayout(logPane);
    logLayout->setContentsMargins(0, 0, 0, 0);
    auto *filters = new QHBoxLayout;
    m_level = new QComboBox(logPane);
    m_level->setObjectName(u"activityLevel"_s);
    m_level->addItem(tr("Debug and above"), 0);
    m_level->addItem(tr("Info and above"), 1);
    m_level->addItem(tr("Warnings and errors"), 2);
    m_level->addItem(tr("Errors only"), 3);
    m_level->setCurrentIndex(1);
    m_category = new QLineEdit(logPane);
    m_category->setObjectName(u"activityCategory"_s);
    m_category->setPlaceholderText(tr("Category contains, e.g. engine"));
    m_category->setClearButtonEnabled(true);
    m_request = new QLineEdit(logPane);
    m_request->setObjectName(u"activityRequest"_s);
    m_request->setPlaceholderText(tr("Request id"));
    m_request->setClearButtonEnabled(true);
    auto *copy = new QPushButton(tr("&Copy request id"), logPane);
    copy->setObjectName(u"activityCopyRequest"_s);
    filters->addWidget(new QLabel(tr("Log:"), logPane));
    filters->addWidget(m_level);
    filters->addWidget(m_category, 1);
    filters->addWidget(m_request, 1);
    filters->addWidget(copy);
    logLayout->addLayout(filters);
    m_note = new QLabel(logPane);
    m_note->setObjectName(u"activityNote"_s);
    m_note->setWordWrap(true);
    m_note->hide();
    logLayout->addWidget(m_note);
    m_log =
        table(logPane, u"activityLog"_s, {tr("Time"), tr("Level"), tr("Category"), tr("Request id"), tr("Message")});
    logLayout->addWidget(m_log, 1);
    splitter->addWidget(top);
    splitter->addWidget(logPane);
    layout->addWidget(splitter, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_level, &QComboBox::currentIndexChanged, this, [this] { fillLog(); });
    connect(m_category, &QLineEdit::textChanged, this, [this] { fillLog(); });
    connect(m_request, &QLineEdit::textChanged, this, [this] {
        m_note->hide();
        fillLog();
    });
    connect(m_operations, &QTableWidget::itemSelectionChanged, this, [this] {
        const int row = m_operations->currentRow();
        if (row >= 0 && m_operations->item(row, 5))
            showRequest(m_operations->item(row, 5)->text());
    });
    connect(copy, &QPushButton::clicked, this, [this] {
        if (!m_request->text().isEmpty())
            QApplication::clipboard()->setText(m_request->text());
    });
    connect(m_timer, &QTimer::timeout, this, &ActivityDialog::refresh);
    m_timer->start(2000);
    refresh();
}

void ActivityDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    emit stateWanted();
}

void ActivityDialog::stateRead(const QString &error)
{
    m_stateError = error;
    if (error.isEmpty())
        m_stateReadAt = QDateTime::currentMSecsSinceEpoch();
    fillLatencies();
}

void ActivityDialog::refresh()
{
    if (++m_ticks % 5 == 0 && isVisible())
        emit stateWanted();
    fillOperations();
    fillLatencies();
    fillLog();
}

void ActivityDialog::showRequest(const QString &requestId)
{
    m_request->setText(requestId);
}

bool ActivityDialog::showFile(qint64 fileId, const QString &filename)
{
    const QList<metrics::Operation> operations = metrics::recentOperations();
    for (auto it = operations.crbegin(); it != operations.crend(); ++it)
        if (it->fileId == fileId && it->name == u"ingest"_s) {
            m_level->setCurrentIndex(0);
            showRequest(it->requestId);
            m_note->setText(tr("The last ingestion of %1 in this window: request %2, %3.")
                                .arg(filename, it->requestId, it->outcome));
            m_note->show();
            return true;
        }
    m_request->clear();
    m_note->setText(tr("This window has not ingested %1 since it started: its log lines are in the JSON log of the "
                       "process that did (vectordesk serve, --sync or another window), under the file's name.")
                        .arg(filename));
    m_note->show();
    return false;
}

void ActivityDialog::fillOperations()
{
    const QList<metrics::Operation> operations = metrics::recentOperations();
    const QString selected = m_operations->currentRow() >= 0 && m_operations->item(m_operations->currentRow(), 5)
        ? m_operations->item(m_operations->currentRow(), 5)->text()
        : QString();
    const QSignalBlocker block(m_operations);
    m_operations->setRowCount(int(operations.size()));
    int row = 0;
    for (auto it = operations.crbegin(); it != operations.crend(); ++it, ++row) {
        setRow(m_operations, row,
               {time(it->atMs), it->name, it->tenant, millis(it->seconds),
                it->outcome == u"ok"_s ? tr("ok") : it->outcome, it->requestId});
        if (it->outcome != u"ok"_s)
            m_operations->item(row, 4)->setForeground(QColor(Qt::red));
        if (!selected.isEmpty() && it->requestId == selected)
            m_operations->setCurrentCell(row, 0);
    }
    m_operations->resizeColumnsToContents();
}

void ActivityDialog::fillLatencies()
{
    struct Measure
    {
        QString title;
        metrics::Metric metric;
    };
    const QList<Measure> latencies{{tr("Search"), metrics::Metric::SearchSeconds},
                                   {tr("Attach (the call)"), metrics::Metric::AttachSeconds},
                                   {tr("Ingestion (attach to done)"), metrics::Metric::IngestionSeconds},
                                   {tr("OpenAI request"), metrics::Metric::OpenAIRequestSeconds},
                                   {tr("Sync pass"), metrics::Metric::SyncPassSeconds}};
    const QList<Measure> counters{{tr("Chunks ingested"), metrics::Metric::IngestedChunks},
                                  {tr("Bytes ingested"), metrics::Metric::IngestedBytes},
                                  {tr("Quota refusals"), metrics::Metric::QuotaRefusals},
                                  {tr("OpenAI retries"), metrics::Metric::OpenAIRetries},
                                  {tr("OpenAI errors"), metrics::Metric::OpenAIErrors},
                                  {tr("Trace spans dropped"), metrics::Metric::SpansDropped}};
    m_latencies->setRowCount(int(latencies.size() + counters.size()) + 2);
    int row = 0;
    for (const Measure &m : latencies) {
        const auto p50 = metrics::quantile(m.metric, 0.5);
        const auto p95 = metrics::quantile(m.metric, 0.95);
        setRow(m_latencies, row++,
               {m.title, QLocale().toString(qint64(metrics::total(m.metric))), p50 ? millis(*p50) : u"–"_s,
                p95 ? millis(*p95) : u"–"_s});
    }
    for (const Measure &m : counters)
        setRow(m_latencies, row++,
               {m.title, QLocale().toString(qint64(metrics::total(m.metric))), QString(), QString()});
    // The queue, as last read from the database (every tenant, both backends).
    const bool known = m_stateReadAt > 0 && m_stateError.isEmpty();
    const QString unknown = m_stateError.isEmpty() ? tr("reading…") : tr("unknown");
    const qint64 waiting = qint64(metrics::total(metrics::Metric::QueueFiles));
    const double oldest = metrics::maximum(metrics::Metric::QueueOldestSeconds);
    setRow(m_latencies, row++,
           {tr("Files waiting for ingestion"), known ? QLocale().toString(waiting) : unknown, QString(), QString()});
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    setRow(m_latencies, row++,
           {tr("Oldest waiting since"),
            known ? (waiting > 0 ? format::relativeTime(m_stateReadAt - qint64(oldest * 1000), now) : u"–"_s) : unknown,
            QString(), QString()});
    const QString asOf = !m_stateError.isEmpty() ? m_stateError
        : known                                  ? tr("Read from the database at %1.").arg(time(m_stateReadAt))
                                                 : tr("Reading the queue from the database…");
    for (int r = row - 2; r < row; ++r)
        m_latencies->item(r, 0)->setToolTip(asOf);
    m_latencies->resizeColumnsToContents();
}

void ActivityDialog::fillLog()
{
    const int least = m_level->currentData().toInt();
    const QString category = m_category->text().trimmed();
    const QString request = m_request->text().trimmed();
    const QList<logging::LogLine> lines = logging::recentLines();
    QList<const logging::LogLine *> shown;
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        if (std::min(logging::severity(it->type), 3) < least)
            continue;
        if (!category.isEmpty() && !it->category.contains(category, Qt::CaseInsensitive))
            continue;
        if (!request.isEmpty() && it->requestId != request)
            continue;
        shown << &*it;
    }
    m_log->setRowCount(int(shown.size()));
    for (int row = 0; row < shown.size(); ++row) {
        const logging::LogLine &line = *shown.at(row);
        setRow(m_log, row,
               {time(line.atMs), logging::levelName(line.type), line.category, line.requestId, line.message});
    }
    m_log->resizeColumnsToContents();
}

} // namespace vd::ui
