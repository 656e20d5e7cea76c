#include "ui/sync/synchistorydialog.h"

#include "ui/data/servicerunner.h"
#include "ui/models/displayformat.h"
#include "ui/sync/syncpanel.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

QTreeWidget *makeTree(QWidget *parent, const QStringList &headers, const QString &name, const QString &accessible)
{
    auto *tree = new QTreeWidget(parent);
    tree->setObjectName(name);
    tree->setAccessibleName(accessible);
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(true);
    tree->setAlternatingRowColors(true);
    tree->setSelectionMode(QAbstractItemView::SingleSelection);
    tree->setHeaderLabels(headers);
    tree->header()->setStretchLastSection(true);
    tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return tree;
}

QString durationText(qint64 ms)
{
    if (ms < 60'000)
        return SyncHistoryDialog::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    const qint64 seconds = ms / 1000;
    return SyncHistoryDialog::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

QString byText(const SyncRunSummary &run)
{
    return SyncPanel::startedByText(run.triggeredBy, run.host);
}

} // namespace

QJsonObject SyncHistoryDialog::reportOf(const SyncRunSummary &run)
{
    return {{u"id"_s, run.id},
            {u"finished_at"_s, QDateTime::fromMSecsSinceEpoch(run.finishedAt, Qt::UTC).toString(Qt::ISODateWithMs)},
            {u"duration_ms"_s, run.finishedAt - run.startedAt},
            {u"host"_s, run.host},
            {u"triggered_by"_s, run.triggeredBy},
            {u"status"_s, run.status},
            {u"counts"_s, run.counts},
            {u"errors"_s, run.errors},
            {u"warnings"_s, run.warnings}};
}

SyncHistoryDialog::SyncHistoryDialog(ServiceRunner *runner, QWidget *parent)
    : QDialog(parent)
    , m_runner(runner)
{
    setObjectName(u"syncHistoryDialog"_s);
    setWindowTitle(tr("Sync history"));
    resize(1000, 620);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Newest"), this));
    m_limit = new QSpinBox(this);
    m_limit->setObjectName(u"syncHistoryLimit"_s);
    m_limit->setAccessibleName(tr("How many of the newest passes to show"));
    m_limit->setRange(10, 1000);
    m_limit->setValue(100);
    m_limit->setSuffix(tr(" passes"));
    // editingFinished also comes when the box merely loses focus: reload only for a new number.
    connect(m_limit, &QSpinBox::editingFinished, this, [this] {
        if (m_limit->value() != m_loadedLimit)
            reload();
    });
    top->addWidget(m_limit);
    auto *reloadButton = new QPushButton(QIcon(u":/icons/actions/refresh.svg"_s), tr("&Reload"), this);
    reloadButton->setObjectName(u"syncHistoryReload"_s);
    connect(reloadButton, &QPushButton::clicked, this, [this] { reload(); });
    top->addWidget(reloadButton);
    top->addStretch(1);

    m_runs = makeTree(
        this,
        {tr("Started"), tr("Finished"), tr("Duration"), tr("Result"), tr("Did"), tr("Warnings"), tr("Started by")},
        u"syncRunsTable"_s, tr("Sync passes"));
    m_runs->header()->setSectionResizeMode(DidColumn, QHeaderView::Interactive);
    connect(m_runs, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { showRun(item ? m_runs->indexOfTopLevelItem(item) : -1); });

    auto *detailBox = new QWidget(this);
    m_detail = new QLabel(tr("Select a pass to see its failed items and warnings."), detailBox);
    m_detail->setObjectName(u"syncRunDetail"_s);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_items = makeTree(detailBox, {tr("Kind"), tr("Store / file"), tr("Message")}, u"syncRunItems"_s,
                       tr("Failed items and warnings of the selected pass"));
    m_items->header()->setSectionResizeMode(TargetColumn, QHeaderView::Interactive);
    connect(m_items, &QTreeWidget::itemActivated, this, [this] { activate(); });
    m_show = new QPushButton(tr("&Show in its store"), detailBox);
    m_show->setObjectName(u"syncRunShow"_s);
    m_show->setEnabled(false);
    m_show->setToolTip(tr("Select a failed item or warning that names a store"));
    connect(m_show, &QPushButton::clicked, this, [this] { activate(); });
    connect(m_items, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        const bool leads = item && item->data(KindColumn, TenantIdRole).toLongLong() != 0;
        m_show->setEnabled(leads);
        m_show->setToolTip(leads ? tr("Show the store (and the file) in the Stores and files tab (Enter)")
                                 : tr("Select a failed item or warning that names a store"));
    });
    auto *detailLayout = new QVBoxLayout(detailBox);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    auto *detailTop = new QHBoxLayout;
    detailTop->addWidget(m_detail, 1);
    detailTop->addWidget(m_show, 0, Qt::AlignTop);
    detailLayout->addLayout(detailTop);
    detailLayout->addWidget(m_items, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"syncHistorySplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_runs);
    splitter->addWidget(detailBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_status = new QLabel(this);
    m_status->setObjectName(u"syncHistoryStatus"_s);
    m_status->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Enter on a failed item or warning leads to it; it must not also press a button (Close).
    for (QPushButton *button : {reloadButton, m_show, buttons->button(QDialogButtonBox::Close)})
        button->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    reload();
}

void SyncHistoryDialog::reload()
{
    const int limit = m_limit->value();
    m_loadedLimit = limit;
    const qint64 selected =
        m_runs->currentItem() ? m_runs->currentItem()->data(StartedColumn, Qt::UserRole).toLongLong() : 0;
    m_status->setText(tr("Reading the sync history…"));
    m_runner->run(
        this, [limit](VectorStoreService &service) { return service.syncRuns(limit); },
        [this, selected](Result<QList<SyncRunSummary>> runs) {
            m_runs->clear();
            m_loaded.clear();
            if (!runs) {
                m_status->setText(runs.error().message());
                m_status->setStyleSheet(u"color: #b02a37;"_s);
                showRun(-1);
                Q_EMIT loaded();
                return;
            }
            m_status->setStyleSheet({});
            m_loaded = runs.value();
            QTreeWidgetItem *current = nullptr;
            for (const SyncRunSummary &run : std::as_const(m_loaded)) {
                const QJsonObject report = reportOf(run);
                const qint64 warnings = qMax<qint64>(SyncPanel::warningCount(report), run.warnings.size());
                auto *item = new QTreeWidgetItem(m_runs,
                                                 {format::dateTime(run.startedAt), format::dateTime(run.finishedAt),
                                                  durationText(run.finishedAt - run.startedAt),
                                                  SyncPanel::resultText(report), SyncPanel::didText(report),
                                                  warnings == 0 ? tr("None") : QString::number(warnings), byText(run)});
                item->setData(StartedColumn, Qt::UserRole, run.id);
                item->setToolTip(DidColumn, item->text(DidColumn));
                item->setToolTip(ResultColumn, tr("Run %1 (%2)").arg(run.id).arg(run.status));
                const bool bad = !run.errors.isEmpty() || run.status == u"failed"_s;
                item->setIcon(ResultColumn,
                              QIcon(bad                ? u":/icons/actions/error.svg"_s
                                        : warnings > 0 ? u":/icons/actions/warning.svg"_s
                                                       : u":/icons/actions/sync.svg"_s));
                if (run.id == selected)
                    current = item;
            }
            m_runs->header()->resizeSections(QHeaderView::ResizeToContents);
            m_status->setText(
                m_loaded.isEmpty() ? tr("No sync pass has been recorded yet: run one with Sync now.")
                    : m_loaded.size() == m_limit->value()
                    ? tr("The newest %Ln pass(es); show more to look further back.", nullptr, int(m_loaded.size()))
                    : tr("%Ln pass(es) recorded.", nullptr, int(m_loaded.size())));
            if (!current && m_runs->topLevelItemCount() > 0)
                current = m_runs->topLevelItem(0);
            if (current)
                m_runs->setCurrentItem(current);
            else
                showRun(-1);
            Q_EMIT loaded();
        });
}

void SyncHistoryDialog::showRun(int index)
{
    m_items->clear();
    m_show->setEnabled(false);
    if (index < 0 || index >= m_loaded.size()) {
        m_detail->setText(m_loaded.isEmpty() ? QString() : tr("Select a pass to see its failed items and warnings."));
        return;
    }
    const SyncRunSummary &run = m_loaded.at(index);
    m_detail->setText(tr("<b>%1</b>, %2 to %3 (%4), started by %5.<br>%6")
                          .arg(SyncPanel::resultText(reportOf(run)).toHtmlEscaped(), format::dateTime(run.startedAt),
                               format::dateTime(run.finishedAt), durationText(run.finishedAt - run.startedAt),
                               byText(run).toHtmlEscaped(), SyncPanel::didText(reportOf(run)).toHtmlEscaped()));
    auto add = [this](const QJsonArray &entries, bool error) {
        for (const QJsonValue &v : entries) {
            const QJsonObject e = v.toObject();
            const QString message = format::withLocalTimes(e.value(u"message"_s).toString());
            auto *item = new QTreeWidgetItem(
                m_items, {error ? tr("Failed") : tr("Warning"), e.value(u"target"_s).toString(), message});
            item->setIcon(KindColumn, QIcon(error ? u":/icons/actions/error.svg"_s : u":/icons/actions/warning.svg"_s));
            item->setToolTip(MessageColumn, message);
            item->setToolTip(TargetColumn, e.value(u"target"_s).toString());
            const qint64 tenantId = e.value(u"tenant_id"_s).toInteger();
            if (tenantId != 0) {
                item->setData(KindColumn, TenantIdRole, tenantId);
                item->setData(KindColumn, StoreIdRole, e.value(u"store_id"_s).toInteger());
                item->setData(KindColumn, FileNameRole, e.value(u"file"_s).toString());
            }
        }
    };
    add(run.errors, true);
    add(run.warnings, false);
    if (m_items->topLevelItemCount() == 0) {
        auto *none = new QTreeWidgetItem(m_items, {QString(), tr("This pass had no failed items and no warnings.")});
        none->setFlags(Qt::NoItemFlags);
    }
    m_items->header()->resizeSections(QHeaderView::ResizeToContents);
}

void SyncHistoryDialog::activate()
{
    QTreeWidgetItem *item = m_items->currentItem();
    if (!item)
        return;
    const qint64 tenantId = item->data(KindColumn, TenantIdRole).toLongLong();
    if (tenantId == 0)
        return;
    Q_EMIT showRequested(tenantId, item->data(KindColumn, StoreIdRole).toLongLong(),
                         item->data(KindColumn, FileNameRole).toString());
}

} // namespace vd::ui
