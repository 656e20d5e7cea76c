#include "filepanel.h"

#include "data/servicerunner.h"
#include "models/filetablemodel.h"
#include "widgets/placeholdertableview.h"

#include <QAction>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

// A store name as it must be typed in a shell command.
QString shellWord(const QString &text)
{
    static const QString plain = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/@+"_s;
    const bool safe =
        !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return plain.contains(c); });
    if (safe)
        return text;
    QString quoted = text;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

} // namespace

FilePanel::FilePanel(ServiceRunner *runner, QWidget *parent)
    : TablePanel(QIcon(u":/icons/actions/file.svg"_s), tr("Files"), parent)
    , m_model(new FileTableModel(runner, this))
    , m_filter(new QLineEdit(this))
    , m_filterDelay(new QTimer(this))
{
    setObjectName(u"filePanel"_s);

    m_filter->setObjectName(u"fileFilter"_s);
    m_filter->setPlaceholderText(tr("Filter by name…"));
    m_filter->setAccessibleName(tr("Filter files by name"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(QIcon(u":/icons/actions/search.svg"_s), QLineEdit::LeadingPosition);
    m_filter->setMaximumWidth(260);
    m_filter->setEnabled(false);
    addHeaderWidget(m_filter);
    // The filter runs in the database; wait for a pause in typing.
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(250);
    connect(m_filter, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_filterDelay, &QTimer::timeout, this, [this] { m_model->setNameFilter(m_filter->text()); });

    PlaceholderTableView *table = view();
    table->setObjectName(u"fileTable"_s);
    table->setAccessibleDescription(tr("The files of the selected store"));
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // No proxy: the model sorts in the database, over all files rather than the loaded batches.
    table->setModel(m_model);
    table->sortByColumn(FileTableModel::NameColumn, Qt::AscendingOrder);
    QHeaderView *header = table->horizontalHeader();
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this](int column) { keepSortableIndicator(column); });
    // Why a file failed matters most after its status: show it next to it. The user may move
    // columns; the header state is saved.
    header->moveSection(FileTableModel::ErrorColumn, FileTableModel::StatusColumn + 1);
    const QList<QPair<int, int>> widths = {{FileTableModel::NameColumn, 210},  {FileTableModel::TypeColumn, 110},
                                           {FileTableModel::SizeColumn, 70},   {FileTableModel::StatusColumn, 105},
                                           {FileTableModel::ErrorColumn, 220}, {FileTableModel::AttributesColumn, 170}};
    for (const auto &[column, width] : widths)
        header->resizeSection(column, width);

    connect(m_model, &ServiceTableModel::loadingChanged, this, [this](bool loading) {
        setBusy(loading || m_model->isFetching());
        updatePlaceholder();
    });
    connect(m_model, &ServiceTableModel::loadFinished, this, [this] { onLoadFinished(); });
    connect(m_model, &ServiceTableModel::loadFailed, this, [this](const QString &message) { showError(message); });
    connect(m_model, &FileTableModel::fetchFinished, this, [this] { updateSummary(); });
    connect(this, &TablePanel::retryRequested, this, [this] { reload(); });
    updatePlaceholder();
}

void FilePanel::setStore(qint64 tenantId, qint64 storeId, const QString &tenantSlug, const QString &storeName)
{
    m_tenantSlug = tenantSlug;
    m_storeName = storeName;
    if (storeId == m_model->storeId())
        return;
    clearError();
    m_filter->setEnabled(storeId != 0);
    setSummary(storeName);
    m_model->setStore(tenantId, storeId);
    updatePlaceholder();
}

void FilePanel::reload()
{
    m_model->reload();
}

void FilePanel::onLoadFinished()
{
    if (m_model->errorMessage().isEmpty())
        clearError();
    updateSummary();
    updatePlaceholder();
}

void FilePanel::keepSortableIndicator(int column)
{
    if (FileTableModel::isSortable(column))
        return;
    // The database cannot order by this column: put the indicator back where the rows are.
    view()->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
}

void FilePanel::updateSummary()
{
    const qint64 total = m_model->totalCount();
    if (m_model->storeId() == 0 || total < 0) {
        setSummary(m_model->storeId() == 0 ? QString() : m_storeName);
        return;
    }
    const QLocale locale;
    QString files = total == 1 ? tr("1 file") : tr("%1 files").arg(locale.toString(total));
    if (!m_model->nameFilter().isEmpty())
        files = total == 1 ? tr("1 match") : tr("%1 matches").arg(locale.toString(total));
    const int loaded = m_model->rowCount();
    if (loaded < total)
        files += u" · "_s + tr("%1 loaded, scroll for more").arg(locale.toString(loaded));
    setSummary(m_storeName + u" · "_s + files);
}

void FilePanel::updatePlaceholder()
{
    QString text;
    if (m_model->storeId() == 0)
        text = tr("Select a store to see its files.");
    else if (m_model->isLoading())
        text = tr("Loading the files of %1…").arg(m_storeName);
    else if (!m_model->errorMessage().isEmpty())
        text = tr("The files of %1 could not be loaded.").arg(m_storeName);
    else if (!m_model->nameFilter().isEmpty())
        text = tr("No file name in %1 contains “%2”.").arg(m_storeName, m_model->nameFilter());
    else
        text = tr("%1 has no files yet.\nAttach some with:\nvectordesk file attach --tenant %2 --store %3 PATH…")
                   .arg(m_storeName, m_tenantSlug, shellWord(m_storeName));
    view()->setPlaceholderText(text);
}

} // namespace vd::ui
