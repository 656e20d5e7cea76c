#include "ui/panels/filepanel.h"

#include "ui/attach/attachmodel.h"
#include "ui/attach/attachsheet.h"
#include "ui/attach/droppaths.h"
#include "ui/data/ingestionrunner.h"
#include "ui/data/servicerunner.h"
#include "ui/models/displayformat.h"
#include "ui/models/filetablemodel.h"
#include "ui/widgets/placeholdertableview.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QSaveFile>
#include <QScrollBar>
#include <QTimer>
#include <QToolButton>

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
    m_runner = runner;
    m_exportAction = new QAction(tr("E&xport files…"), this);
    m_exportAction->setObjectName(u"exportFilesAction"_s);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    m_exportAction->setToolTip(tr("Save the store's files (those the filter matches) as CSV or JSON (Ctrl+Shift+X)"));
    m_exportAction->setEnabled(false);
    connect(m_exportAction, &QAction::triggered, this, [this] {
        auto *dialog = new QFileDialog(this, tr("Export the files"));
        dialog->setObjectName(u"exportFilesDialog"_s);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setNameFilters({tr("CSV (*.csv)"), tr("JSON (*.json)")});
        dialog->setDefaultSuffix(u"csv"_s);
        dialog->selectFile(u"%1-files.csv"_s.arg(m_storeName));
        connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString &filter) {
            dialog->setDefaultSuffix(filter.contains(u"json"_s) ? u"json"_s : u"csv"_s);
        });
        connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { exportFiles(path); });
        dialog->open();
    });

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

    m_reportButton = new QToolButton(this);
    m_reportButton->setObjectName(u"attachReportButton"_s);
    m_reportButton->setIcon(QIcon(u":/icons/actions/add-file.svg"_s));
    m_reportButton->setText(tr("Last attach report"));
    m_reportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_reportButton->setAutoRaise(true);
    m_reportButton->setAccessibleName(tr("Show the last attach report"));
    m_reportButton->setToolTip(tr("Show what the last attach did, file by file"));
    m_reportButton->hide();
    addHeaderWidget(m_reportButton);

    PlaceholderTableView *table = view();
    table->setObjectName(u"fileTable"_s);
    table->setAcceptDrops(true);
    table->viewport()->setAcceptDrops(true);
    table->setDragDropMode(QAbstractItemView::DropOnly);
    table->viewport()->installEventFilter(this);
    table->installEventFilter(this);

    m_sheet = new AttachSheet(runner, this);
    m_sheet->hide();
    connect(m_sheet, &AttachSheet::filesAttached, this, [this](qint64 storeId) {
        if (storeId == m_model->storeId())
            reload();
    });
    connect(m_sheet, &AttachSheet::finished, this, &FilePanel::statusMessage);
    connect(m_sheet, &AttachSheet::phaseChanged, this, [this](AttachSheet::Phase phase) {
        m_reportButton->setVisible(phase == AttachSheet::Phase::Idle && m_sheet->model()->rowCount() > 0
                                   && m_sheet->model()->count(AttachItem::State::Ready) == 0);
    });
    connect(m_reportButton, &QToolButton::clicked, this, [this] {
        placeSheet();
        m_sheet->show();
        m_sheet->raise();
        m_reportButton->hide();
    });
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
    // Once rows arrive the columns fit their content; a long last error or attributes give way
    // first when the store pane is narrow, so names, sizes and times stay whole.
    setElasticColumns({FileTableModel::ErrorColumn, FileTableModel::AttributesColumn});

    connect(m_model, &ServiceTableModel::loadingChanged, this, [this](bool loading) {
        setBusy(loading || m_model->isFetching());
        updatePlaceholder();
    });
    connect(m_model, &ServiceTableModel::loadFinished, this, [this] { onLoadFinished(); });
    connect(m_model, &ServiceTableModel::loadFailed, this, [this](const QString &message) { showError(message); });
    connect(m_model, &FileTableModel::fetchFinished, this, [this] { updateSummary(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { updateSummary(); });
    connect(this, &TablePanel::retryRequested, this, [this] { reload(); });
    updatePlaceholder();
}

void FilePanel::setIngestionRunner(IngestionRunner *ingestion)
{
    m_sheet->setIngestionRunner(ingestion);
    connect(ingestion, &IngestionRunner::fileFinished, this,
            [this](qint64 fileId, const QString &, FileStatus status, const QString &error) {
                m_model->setFileStatus(fileId, status, error);
            });
}

void FilePanel::attachPaths(const QStringList &paths, qint64 tenantId, qint64 storeId)
{
    if (storeId == 0) {
        tenantId = m_tenantId;
        storeId = m_model->storeId();
    }
    if (storeId == 0 || paths.isEmpty())
        return;
    placeSheet();
    m_sheet->start(tenantId, storeId, paths);
}

void FilePanel::placeSheet()
{
    // Exactly over the table, leaving the title row (store name, filter) visible.
    const QRect area = view()->geometry();
    m_sheet->setGeometry(area);
}

bool FilePanel::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (m_model->storeId() != 0 && !localPathsOf(drag->mimeData()).isEmpty()) {
            drag->setDropAction(Qt::CopyAction);
            drag->accept();
        } else {
            drag->ignore();
        }
        return true;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList paths = localPathsOf(drop->mimeData());
        if (m_model->storeId() == 0 || paths.isEmpty()) {
            drop->ignore();
            return true;
        }
        drop->setDropAction(Qt::CopyAction);
        drop->accept();
        attachPaths(paths);
        return true;
    }
    case QEvent::Resize:
    case QEvent::Move:
        if (watched == view())
            placeSheet();
        break;
    default:
        break;
    }
    return TablePanel::eventFilter(watched, event);
}

void FilePanel::setStore(qint64 tenantId, qint64 storeId, const QString &tenantSlug, const QString &storeName)
{
    m_tenantId = tenantId;
    m_tenantSlug = tenantSlug;
    m_storeName = storeName;
    if (storeId == m_model->storeId())
        return;
    clearError();
    m_filter->setEnabled(storeId != 0);
    m_exportAction->setEnabled(storeId != 0);
    setSummary(storeName);
    m_model->setStore(tenantId, storeId);
    updatePlaceholder();
}

void FilePanel::reload()
{
    // A reload replaces the rows: keep the selected files and the scroll position across it.
    m_keptSelection.clear();
    const QModelIndexList selected = view()->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        if (const StoreFile *file = m_model->fileAt(index.row()))
            m_keptSelection.append(file->id);
    if (const StoreFile *current = m_model->fileAt(view()->currentIndex().row()))
        m_keptCurrent = current->id;
    m_keptScroll = view()->verticalScrollBar()->value();
    m_model->reload();
}

void FilePanel::restoreKeptState()
{
    if (m_keptScroll < 0)
        return;
    QItemSelection selection;
    for (qint64 id : std::as_const(m_keptSelection)) {
        const int row = m_model->rowOf(id);
        if (row >= 0)
            selection.select(m_model->index(row, 0), m_model->index(row, FileTableModel::ColumnCount - 1));
    }
    QItemSelectionModel *selectionModel = view()->selectionModel();
    const int currentRow = m_model->rowOf(m_keptCurrent);
    if (currentRow >= 0)
        selectionModel->setCurrentIndex(m_model->index(currentRow, 0), QItemSelectionModel::NoUpdate);
    selectionModel->select(selection, QItemSelectionModel::ClearAndSelect);
    view()->verticalScrollBar()->setValue(m_keptScroll);
    m_keptScroll = -1;
    m_keptSelection.clear();
    m_keptCurrent = 0;
}

void FilePanel::onLoadFinished()
{
    restoreKeptState();
    if (m_model->errorMessage().isEmpty())
        clearError();
    updateSummary();
    updatePlaceholder();
    fitColumns();
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
    if (!m_model->isTotalKnown()) {
        setSummary(m_storeName + u" · "_s + tr("counting files…"));
        return;
    }
    QString files = tr("%Ln file(s)", nullptr, total);
    if (!m_model->nameFilter().isEmpty())
        files = tr("%Ln match(es)", nullptr, total);
    const int loaded = m_model->rowCount();
    if (loaded < total)
        files += u" · "_s + tr("%Ln loaded, scroll for more", nullptr, loaded);
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
        text = tr("%1 has no files yet.\nDrop files or folders here, or use Add files… (Ctrl+O).\n"
                  "From a shell: vectordesk file attach --tenant %2 --store %3 PATH…")
                   .arg(m_storeName, m_tenantSlug, shellWord(m_storeName));
    view()->setPlaceholderText(text);
}

void FilePanel::exportFiles(const QString &path)
{
    if (m_model->storeId() == 0)
        return;
    const QString tenantRef = QString::number(m_tenantId);
    const QString storeRef = QString::number(m_model->storeId());
    FileQuery query;
    query.nameContains = m_model->nameFilter();
    query.limit = 1000;
    m_runner->run(
        this,
        [tenantRef, storeRef, query, path](VectorStoreService &s) mutable -> Result<int> {
            QList<StoreFile> files;
            for (;;) {
                auto page = s.listFiles(tenantRef, storeRef, query);
                if (!page)
                    return page.error();
                files.append(page.value());
                if (page->size() < query.limit)
                    break;
                query.offset += query.limit;
            }
            QByteArray bytes;
            if (path.endsWith(u".json"_s, Qt::CaseInsensitive)) {
                QJsonArray array;
                for (const StoreFile &f : std::as_const(files))
                    array.append(f.toJson());
                bytes = QJsonDocument(array).toJson(QJsonDocument::Indented);
            } else {
                auto field = [](QString value) {
                    if (value.contains(u',') || value.contains(u'"') || value.contains(u'\n'))
                        value = u'"' + value.replace(u'"', u"\"\""_s) + u'"';
                    return value;
                };
                QString csv = u"id,filename,status,size_bytes,usage_bytes,mime_type,sha256,last_error_code,"
                              u"last_error_message,attributes,created_at,updated_at\r\n"_s;
                for (const StoreFile &f : std::as_const(files))
                    csv +=
                        QStringList{
                            QString::number(f.id),
                            field(f.filename),
                            fileStatusName(f.status),
                            QString::number(f.sizeBytes),
                            QString::number(f.usageBytes),
                            field(f.mimeType),
                            f.sha256,
                            field(f.lastErrorCode),
                            field(f.lastErrorMessage),
                            field(f.attributes.isEmpty()
                                      ? QString()
                                      : QString::fromUtf8(QJsonDocument(f.attributes).toJson(QJsonDocument::Compact))),
                            QString::number(f.createdAt),
                            QString::number(f.updatedAt)}
                            .join(u',')
                        + u"\r\n"_s;
                bytes = csv.toUtf8();
            }
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
                return ServiceError::unavailable(
                    u"Could not write %1: %2. Choose another folder."_s.arg(path, file.errorString()));
            return int(files.size());
        },
        [this, path](Result<int> written) {
            const QString message = written
                ? tr("Exported %1 to %2").arg(tr("%Ln file(s)", nullptr, int(written.value())), path)
                : written.error().message();
            if (!written)
                showError(message);
            Q_EMIT exported(message);
        });
}

} // namespace vd::ui
