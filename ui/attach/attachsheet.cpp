#include "ui/attach/attachsheet.h"

#include "ui/attach/attachmodel.h"
#include "ui/data/ingestionrunner.h"
#include "ui/data/servicerunner.h"
#include "ui/dialogs/keyvalueeditor.h"
#include "ui/models/displayformat.h"
#include "ui/widgets/chunkingeditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

AttachSheet::AttachSheet(ServiceRunner *runner, QWidget *parent)
    : QFrame(parent)
    , m_runner(runner)
    , m_model(new AttachModel(this))
{
    setObjectName(u"attachSheet"_s);
    setAccessibleName(tr("Attach files"));
    setAutoFillBackground(true);
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(
        u"QFrame#attachSheet { background: palette(base); border: 1px solid #9db4d3; border-radius: 6px; }"_s);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(8);

    auto *header = new QHBoxLayout;
    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    icon->setPixmap(QIcon(u":/icons/actions/add-file.svg"_s).pixmap(iconSize, iconSize));
    header->addWidget(icon);
    m_title = new QLabel(this);
    m_title->setObjectName(u"attachTitle"_s);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    header->addWidget(m_title);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"attachSummary"_s);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header->addWidget(m_summary, 1);
    layout->addLayout(header);

    m_table = new QTableView(this);
    m_table->setObjectName(u"attachTable"_s);
    m_table->setAccessibleName(tr("Files to attach"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(AttachModel::NameColumn, 260);
    m_table->horizontalHeader()->resizeSection(AttachModel::SizeColumn, 80);
    layout->addWidget(m_table, 1);

    // How the files will be chunked: the store's way unless chosen otherwise here.
    auto *chunkingBox = new QWidget(this);
    m_chunkingRow = new QWidget(chunkingBox);
    auto *chunkingLayout = new QHBoxLayout(m_chunkingRow);
    chunkingLayout->setContentsMargins(0, 0, 0, 0);
    auto *chunkingLabel = new QLabel(tr("C&hunking"), m_chunkingRow);
    chunkingLayout->addWidget(chunkingLabel, 0, Qt::AlignTop);
    m_chunking = new ChunkingEditor(m_chunkingRow);
    chunkingLabel->setBuddy(m_chunking->modeBox());
    chunkingLabel->setMinimumHeight(m_chunking->modeBox()->sizeHint().height()); // in line with the box
    chunkingLayout->addWidget(m_chunking, 1);
    // Attributes for every file of this attach (search filters match them), folded away until asked for.
    m_attributesToggle = new QToolButton(m_chunkingRow);
    m_attributesToggle->setObjectName(u"attachAttributesToggle"_s);
    m_attributesToggle->setText(tr("Att&ributes…"));
    m_attributesToggle->setCheckable(true);
    m_attributesToggle->setToolTip(tr("Give every attached file attributes that search filters match"));
    chunkingLayout->addWidget(m_attributesToggle, 0, Qt::AlignTop);
    auto *chunkingBoxLayout = new QVBoxLayout(chunkingBox);
    chunkingBoxLayout->setContentsMargins(0, 0, 0, 0);
    chunkingBoxLayout->addWidget(m_chunkingRow);
    m_attributes = new KeyValueEditor(KeyValueEditor::Kind::Attributes, chunkingBox);
    m_attributes->setObjectName(u"attachAttributes"_s);
    m_attributes->setAccessibleName(tr("Attributes of the attached files"));
    m_attributes->setMaximumHeight(170);
    m_attributes->hide();
    chunkingBoxLayout->addWidget(m_attributes);
    layout->addWidget(chunkingBox);
    connect(m_attributesToggle, &QToolButton::toggled, this, [this](bool on) {
        m_attributes->setVisible(on && m_phase == Phase::Preview);
        updateTexts();
    });
    connect(m_attributes, &KeyValueEditor::validityChanged, this, [this] {
        if (m_phase == Phase::Preview)
            updateTexts();
    });

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"attachProgress"_s);
    m_progress->setAccessibleName(tr("Overall attach progress"));
    m_progress->setTextVisible(true);
    m_progress->hide();
    layout->addWidget(m_progress);

    auto *buttons = new QHBoxLayout;
    m_retryButton = new QPushButton(QIcon(u":/icons/actions/refresh.svg"_s), tr("Retry failed"), this);
    m_retryButton->setObjectName(u"attachRetryButton"_s);
    m_retryButton->setAccessibleName(tr("Retry the files that failed"));
    buttons->addWidget(m_retryButton);
    buttons->addStretch(1);
    m_closeButton = new QPushButton(tr("Cancel"), this);
    m_closeButton->setObjectName(u"attachCloseButton"_s);
    buttons->addWidget(m_closeButton);
    m_attachButton = new QPushButton(QIcon(u":/icons/actions/add-file.svg"_s), tr("Attach"), this);
    m_attachButton->setObjectName(u"attachButton"_s);
    m_attachButton->setDefault(true);
    buttons->addWidget(m_attachButton);
    layout->addLayout(buttons);

    connect(m_attachButton, &QPushButton::clicked, this, [this] { attach(); });
    connect(m_closeButton, &QPushButton::clicked, this, [this] { cancelOrClose(); });
    connect(m_retryButton, &QPushButton::clicked, this, [this] { retryFailed(); });
    connect(m_chunking, &ChunkingEditor::changed, this, [this] {
        if (m_phase == Phase::Preview)
            updateTexts();
    });
    setPhase(Phase::Idle);
}

AttachSheet::~AttachSheet()
{
    if (m_planCancelled)
        *m_planCancelled = true;
    if (m_thread) {
        m_job->cancel();
        m_thread->quit();
        m_thread->wait();
    }
}

void AttachSheet::setIngestionRunner(IngestionRunner *ingestion)
{
    m_ingestion = ingestion;
    connect(ingestion, &IngestionRunner::fileFinished, this,
            [this](qint64 fileId, const QString &, FileStatus status, const QString &error) {
                m_model->setFileStatus(fileId, status, error);
            });
}

void AttachSheet::start(qint64 tenantId, qint64 storeId, const QStringList &paths)
{
    if (m_phase == Phase::Attaching || m_phase == Phase::Checking)
        return;
    if (m_planCancelled)
        *m_planCancelled = true;
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    m_planCancelled = cancelled;
    m_dropCount = int(paths.size());
    // Attributes are chosen per attach.
    m_attributesToggle->setChecked(false);
    m_attributes->setObject({});
    AttachPlan empty;
    empty.tenantId = tenantId;
    empty.storeId = storeId;
    m_model->setPlan(empty);
    setPhase(Phase::Checking);
    show();
    raise();
    m_runner->run(
        this,
        [tenantId, storeId, paths, cancelled](VectorStoreService &service) {
            return planAttach(service, tenantId, storeId, paths, *cancelled);
        },
        [this, cancelled](Result<AttachPlan> plan) {
            if (cancelled != m_planCancelled || *cancelled)
                return;
            m_planCancelled.reset();
            if (!plan) {
                m_summary->setText(plan.error().message());
                setPhase(Phase::Report);
                return;
            }
            m_model->setPlan(plan.value());
            m_chunking->offerStoreChunking(plan->storeChunking);
            m_table->resizeColumnToContents(AttachModel::NameColumn);
            m_table->setColumnWidth(AttachModel::NameColumn, qBound(160, m_table->columnWidth(0), 340));
            setPhase(Phase::Preview);
        });
}

void AttachSheet::attach()
{
    if (m_phase != Phase::Preview)
        return;
    QList<int> rows;
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->itemAt(row)->state == AttachItem::State::Ready)
            rows.append(row);
    if (rows.isEmpty() || !m_chunking->isValid() || (m_attributesToggle->isChecked() && !m_attributes->isValid()))
        return;
    m_jobChunking = m_chunking->chunking();
    m_jobAttributes = m_attributesToggle->isChecked() ? m_attributes->object() : QJsonObject();
    runJob(rows);
}

void AttachSheet::retryFailed()
{
    if (m_phase != Phase::Report)
        return;
    const QList<int> rows = m_model->resetForRetry();
    if (!rows.isEmpty())
        runJob(rows);
}

void AttachSheet::runJob(const QList<int> &rows)
{
    QStringList paths;
    for (int row : rows)
        paths.append(m_model->itemAt(row)->path);
    m_jobTotal = int(rows.size());
    m_jobDone = 0;
    m_thread = new QThread(this);
    m_thread->setObjectName(u"vectordesk-ui-attach"_s);
    m_job = new AttachJob(m_runner->url(), m_runner->operatorName());
    m_job->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_job, &QObject::deleteLater);
    connect(m_job, &AttachJob::progressed, this, [this](const QList<AttachJob::Update> &updates) {
        m_model->apply(updates);
        for (const AttachJob::Update &u : updates)
            if (u.state != AttachItem::State::Attaching)
                ++m_jobDone;
        m_progress->setValue(m_jobDone);
        updateTexts();
    });
    connect(m_job, &AttachJob::finished, this,
            [this](int attached, int failed, int skipped) { onJobFinished(attached, failed, skipped); });
    m_thread->start();
    const qint64 tenantId = m_model->plan().tenantId;
    const qint64 storeId = m_model->plan().storeId;
    AttachJob *job = m_job;
    const std::optional<ChunkingStrategy> chunking = m_jobChunking;
    const QJsonObject attributes = m_jobAttributes;
    QMetaObject::invokeMethod(
        m_job,
        [job, tenantId, storeId, rows, paths, chunking, attributes] {
            job->run(tenantId, storeId, rows, paths, chunking, attributes);
        },
        Qt::QueuedConnection);
    m_progress->setRange(0, m_jobTotal);
    m_progress->setValue(0);
    setPhase(Phase::Attaching);
}

void AttachSheet::onJobFinished(int attached, int failed, int skipped)
{
    m_thread->quit();
    m_thread->wait();
    m_thread->deleteLater();
    m_thread = nullptr;
    m_job = nullptr;
    const AttachPlan &plan = m_model->plan();
    if (attached > 0) {
        Q_EMIT filesAttached(plan.storeId);
        if (m_ingestion)
            m_ingestion->drain(plan.tenantId, plan.storeId);
    }
    setPhase(Phase::Report);
    QString message = tr("Attached %1 to %2").arg(tr("%Ln file(s)", nullptr, int(attached)), plan.storeName);
    if (failed > 0)
        message += u"; "_s + tr("%Ln failed", nullptr, int(failed));
    if (skipped > 0)
        message += u"; "_s + tr("%Ln skipped", nullptr, int(skipped));
    Q_EMIT finished(message);
}

void AttachSheet::cancelOrClose()
{
    switch (m_phase) {
    case Phase::Checking:
        if (m_planCancelled)
            *m_planCancelled = true;
        m_planCancelled.reset();
        setPhase(Phase::Idle);
        break;
    case Phase::Attaching:
        if (m_job)
            m_job->cancel();
        m_closeButton->setEnabled(false); // until the file being attached is done
        break;
    case Phase::Preview:
    case Phase::Report:
    case Phase::Idle:
        setPhase(Phase::Idle);
        break;
    }
}

void AttachSheet::setPhase(Phase phase)
{
    m_phase = phase;
    m_progress->setVisible(phase == Phase::Attaching || phase == Phase::Report);
    m_attachButton->setVisible(phase == Phase::Preview || phase == Phase::Checking);
    m_chunkingRow->setVisible(phase == Phase::Preview);
    m_attributes->setVisible(phase == Phase::Preview && m_attributesToggle->isChecked());
    m_closeButton->setEnabled(true);
    m_closeButton->setText(phase == Phase::Report ? tr("Close") : tr("Cancel"));
    m_closeButton->setAccessibleName(phase == Phase::Report          ? tr("Close the attach report")
                                         : phase == Phase::Attaching ? tr("Cancel attaching")
                                                                     : tr("Cancel without attaching"));
    updateTexts();
    if (phase == Phase::Idle) {
        hide();
        Q_EMIT closed();
    }
    Q_EMIT phaseChanged(phase);
}

QString AttachSheet::summaryText() const
{
    return m_summary->text();
}

void AttachSheet::updateTexts()
{
    const AttachPlan &plan = m_model->plan();
    const QLocale locale;
    const QString store = plan.storeName.isEmpty() ? tr("the store") : plan.storeName;
    switch (m_phase) {
    case Phase::Idle:
        break;
    case Phase::Checking:
        m_title->setText(tr("Attach to %1").arg(store));
        m_summary->setText(tr("Checking %Ln dropped item(s)…", nullptr, int(m_dropCount)));
        m_attachButton->setEnabled(false);
        m_attachButton->setText(tr("Attach"));
        break;
    case Phase::Preview: {
        m_title->setText(tr("Attach to %1").arg(store));
        const int ready = plan.ready();
        const int refused = plan.refused();
        QString text = tr("%Ln file(s) will be attached", nullptr, int(ready));
        if (ready > 0)
            text += u" ("_s + format::bytes(plan.readyBytes()) + u')';
        if (refused > 0)
            text += u" · "_s + tr("%Ln refused", nullptr, int(refused));
        text += u" · "_s + tr("nothing is written until you confirm");
        m_summary->setText(text);
        {
            const bool attributesOk = !m_attributesToggle->isChecked() || m_attributes->isValid();
            m_attachButton->setEnabled(ready > 0 && m_chunking->isValid() && attributesOk);
            m_attachButton->setToolTip(!m_chunking->isValid() ? m_chunking->problem()
                                           : !attributesOk    ? m_attributes->problem()
                                                              : QString());
        }
        m_attachButton->setText(ready > 0 ? tr("Attach %Ln file(s)", nullptr, int(ready)) : tr("Nothing to attach"));
        m_attachButton->setAccessibleName(m_attachButton->text());
        m_retryButton->hide();
        break;
    }
    case Phase::Attaching:
        m_title->setText(tr("Attaching to %1").arg(store));
        m_summary->setText(tr("%1 of %2 done").arg(locale.toString(m_jobDone), locale.toString(m_jobTotal)));
        m_progress->setFormat(tr("%v of %m files"));
        m_retryButton->hide();
        break;
    case Phase::Report: {
        m_title->setText(tr("Attach report · %1").arg(store));
        const int attached = m_model->count(AttachItem::State::Attached);
        const int failed = m_model->count(AttachItem::State::Failed);
        const int skipped = m_model->count(AttachItem::State::Skipped);
        const int refused = m_model->count(AttachItem::State::Refused);
        if (plan.items.isEmpty() && !m_summary->text().isEmpty() && attached + failed + skipped + refused == 0)
            break; // the check itself failed: keep its message
        QStringList parts;
        parts << tr("%Ln attached", nullptr, int(attached));
        if (failed)
            parts << tr("%Ln failed", nullptr, int(failed));
        if (skipped)
            parts << tr("%Ln skipped", nullptr, int(skipped));
        if (refused)
            parts << tr("%Ln refused", nullptr, int(refused));
        m_summary->setText(parts.join(u" · "_s));
        m_retryButton->setVisible(failed + skipped > 0);
        m_progress->setFormat(tr("%v of %m files"));
        break;
    }
    }
}

} // namespace vd::ui
