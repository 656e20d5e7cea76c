#include "ui/models/filetablemodel.h"

#include "core/domain/filetypes.h"
#include "ui/data/servicerunner.h"
#include "ui/models/modelroles.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QThreadPool>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

// The FileQuery sort column for a table column; empty when the database cannot sort by it.
QString sqlSortColumn(int column)
{
    switch (column) {
    case FileTableModel::NameColumn:
        return u"filename"_s;
    case FileTableModel::TypeColumn:
        return u"mime_type"_s;
    case FileTableModel::SizeColumn:
        return u"size_bytes"_s;
    case FileTableModel::StatusColumn:
        return u"status"_s;
    case FileTableModel::UpdatedColumn:
        return u"updated_at"_s;
    default:
        return {};
    }
}

int rightAligned()
{
    return int(Qt::AlignRight | Qt::AlignVCenter);
}

} // namespace

FileTableModel::FileTableModel(ServiceRunner *runner, QObject *parent)
    : ServiceTableModel(runner, parent)
{ }

qint64 FileTableModel::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

bool FileTableModel::isSortable(int column)
{
    return !sqlSortColumn(column).isEmpty();
}

FileTableModel::Request FileTableModel::request(qint64 offset) const
{
    Request r;
    r.tenantRef = QString::number(m_tenantId);
    r.storeRef = QString::number(m_storeId);
    r.query.nameContains = m_nameFilter;
    r.query.sortColumn = sqlSortColumn(m_sortColumn);
    r.query.descending = m_sortOrder == Qt::DescendingOrder;
    r.query.limit = m_batchSize;
    r.query.offset = offset;
    return r;
}

void FileTableModel::setStore(qint64 tenantId, qint64 storeId)
{
    if (tenantId == m_tenantId && storeId == m_storeId)
        return;
    m_tenantId = tenantId;
    m_storeId = storeId;
    // Another store's files must not stay visible while this store's load.
    beginResetModel();
    if (m_files.size() > 1000)
        QThreadPool::globalInstance()->start([old = std::move(m_files)]() mutable { old.clear(); });
    m_files.clear();
    m_rowById.clear();
    m_total = -1;
    m_endReached = false;
    m_totalKnown = false;
    m_reloading = false;
    m_fetching = false;
    m_fetchFailed = false;
    endResetModel();
    if (storeId == 0 || tenantId == 0) {
        abandonRequests();
        Q_EMIT loadFinished();
        return;
    }
    reload();
}

void FileTableModel::setNameFilter(const QString &text)
{
    const QString filter = text.trimmed();
    if (filter == m_nameFilter)
        return;
    m_nameFilter = filter;
    reload();
}

void FileTableModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column) || (column == m_sortColumn && order == m_sortOrder))
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    reload();
}

void FileTableModel::reload()
{
    if (m_storeId == 0)
        return;
    const quint64 generation = startRequest();
    m_reloading = true; // no batch of the old rows may be fetched from now on
    m_fetching = false;
    m_fetchFailed = false;
    const Request r = request(0);
    m_totalKnown = false;
    // The first page and the count run side by side (the runner has two workers): the rows show
    // as soon as the page is in, without waiting for count(*) over a large store. The load is
    // finished (loadFinished, the total known) when both are in.
    struct Pending
    {
        std::optional<Result<qint64>> count;
        bool pageIn = false;
        std::optional<ServiceError> pageError;
        bool endReached = false; // the first page was short: it is all there is
    };
    auto pending = std::make_shared<Pending>();
    auto finish = [this, generation, pending] {
        if (!isCurrent(generation) || !pending->pageIn || !pending->count)
            return;
        if (pending->pageError) {
            finishFailure(*pending->pageError);
            return;
        }
        if (!*pending->count) {
            finishFailure(pending->count->error());
            return;
        }
        // A short page is the end, whatever the count said a moment earlier.
        if (!pending->endReached && !m_endReached)
            m_total = qMax(pending->count->value(), qint64(m_files.size()));
        finishSuccess();
    };
    runner()->run(
        this, [r](VectorStoreService &service) { return service.countFiles(r.tenantRef, r.storeRef, r.query); },
        [this, generation, pending, finish](Result<qint64> count) {
            if (!isCurrent(generation))
                return;
            pending->count = std::move(count);
            m_totalKnown = bool(*pending->count);
            if (pending->pageIn && *pending->count && pending->count->value() > m_total && !m_endReached) {
                // Room for every row to come, so appending batches never reallocates what is loaded.
                m_files.reserve(qsizetype(qMin<qint64>(pending->count->value(), 1'000'000)));
                m_rowById.reserve(qsizetype(qMin<qint64>(pending->count->value(), 1'000'000)));
            }
            finish();
        });
    runner()->run(
        this, [r](VectorStoreService &service) { return service.listFiles(r.tenantRef, r.storeRef, r.query); },
        [this, generation, pending, finish, limit = r.query.limit](Result<QList<StoreFile>> result) {
            if (!isCurrent(generation))
                return;
            m_reloading = false;
            m_endReached = false;
            pending->pageIn = true;
            beginResetModel();
            // Freeing 100k rows takes longer than a frame: the old list is destroyed off the GUI thread.
            if (m_files.size() > 1000)
                QThreadPool::globalInstance()->start([old = std::move(m_files)]() mutable { old.clear(); });
            if (result) {
                m_files = std::move(result).value();
                pending->endReached = m_files.size() < limit;
                m_endReached = pending->endReached;
                if (m_endReached)
                    m_totalKnown = true; // a short first page is every file there is
                // Until the count is in: at least one more row when the page was full.
                const qint64 counted = pending->count && *pending->count ? pending->count->value() : 0;
                m_total = pending->endReached ? m_files.size() : qMax(counted, qint64(m_files.size()) + 1);
            } else {
                m_files.clear();
                m_total = 0;
                pending->pageError = result.error();
            }
            m_rowById.clear();
            if (m_total > 0) {
                m_files.reserve(qsizetype(qMin<qint64>(m_total, 1'000'000)));
                m_rowById.reserve(qsizetype(qMin<qint64>(m_total, 1'000'000)));
            }
            for (int row = 0; row < m_files.size(); ++row)
                m_rowById.insert(m_files.at(row).id, row);
            endResetModel();
            finish();
        });
}

bool FileTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_storeId != 0 && !m_reloading && !m_fetching && !m_fetchFailed
        && m_files.size() < m_total;
}

void FileTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const quint64 generation = currentGeneration();
    const Request r = request(m_files.size());
    runner()->run(
        this, [r](VectorStoreService &service) { return service.listFiles(r.tenantRef, r.storeRef, r.query); },
        [this, generation, limit = r.query.limit](Result<QList<StoreFile>> result) {
            if (!isCurrent(generation))
                return;
            if (!result) {
                // Stop asking until the next reload; the view would otherwise retry in a loop.
                m_fetching = false;
                m_fetchFailed = true;
                Q_EMIT loadFailed(result.error().message());
                Q_EMIT fetchFinished();
                return;
            }
            QList<StoreFile> page = std::move(result).value();
            const qsizetype received = page.size();
            if (received > 0) {
                const int first = int(m_files.size());
                beginInsertRows({}, first, first + int(received) - 1);
                m_files.append(std::move(page));
                for (int row = first; row < m_files.size(); ++row)
                    m_rowById.insert(m_files.at(row).id, row);
                endInsertRows();
            }
            if (received < limit) {
                m_total = m_files.size();
                m_endReached = true;
            } else
                m_total = qMax(m_total, qint64(m_files.size()) + (m_totalKnown ? 0 : 1));
            // Only now: views ask for the next batch while the rows are being inserted.
            m_fetching = false;
            Q_EMIT fetchFinished();
        });
}

const StoreFile *FileTableModel::fileAt(int row) const
{
    return row >= 0 && row < m_files.size() ? &m_files.at(row) : nullptr;
}

void FileTableModel::setFileStatus(qint64 fileId, FileStatus status, const QString &errorMessage)
{
    const int row = rowOf(fileId);
    if (row < 0)
        return;
    StoreFile &file = m_files[row];
    file.status = status;
    file.lastErrorMessage = errorMessage;
    if (errorMessage.isEmpty())
        file.lastErrorCode.clear();
    file.statusChangedAt = file.updatedAt = now();
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int FileTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_files.size());
}

int FileTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FileTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StoreFile &file = m_files.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return displayData(file, column);
    case Qt::ToolTipRole:
        return toolTipData(file, column);
    case Qt::ForegroundRole:
        if (column == StatusColumn)
            return m_badges.color(file.status);
        if (column == ErrorColumn && !file.lastErrorMessage.isEmpty())
            return m_badges.color(format::Tone::Bad);
        return {};
    case Qt::DecorationRole:
        if (column == StatusColumn)
            return m_badges.icon(file.status);
        return {};
    case Qt::TextAlignmentRole:
        if (column == SizeColumn)
            return rightAligned();
        return {};
    case SortRole:
        return sortData(file, column);
    case StatusRole:
        return fileStatusName(file.status);
    case IdRole:
        return file.id;
    case RefRole:
        return QString::number(file.id);
    default:
        return {};
    }
}

QVariant FileTableModel::displayData(const StoreFile &file, int column) const
{
    switch (column) {
    case NameColumn:
        return file.filename;
    case TypeColumn: {
        // "PDF", "DOCX", "MD": short enough to show whole; the MIME type is in the tooltip.
        const QString extension = FileTypes::extensionOf(file.filename);
        return extension.isEmpty() ? file.mimeType : extension.toUpper();
    }
    case SizeColumn:
        return format::bytes(file.sizeBytes);
    case StatusColumn:
        return format::statusText(file.status);
    case AttributesColumn:
        return format::attributesText(file.attributes);
    case UpdatedColumn:
        return format::relativeTime(file.updatedAt, now());
    case ErrorColumn:
        return file.lastErrorMessage;
    default:
        return {};
    }
}

QVariant FileTableModel::sortData(const StoreFile &file, int column) const
{
    switch (column) {
    case NameColumn:
        return file.filename.toLower();
    case TypeColumn:
        return file.mimeType;
    case SizeColumn:
        return file.sizeBytes;
    case StatusColumn:
        return fileStatusName(file.status);
    case AttributesColumn:
        return format::attributesText(file.attributes);
    case UpdatedColumn:
        return file.updatedAt;
    case ErrorColumn:
        return file.lastErrorMessage;
    default:
        return {};
    }
}

QVariant FileTableModel::toolTipData(const StoreFile &file, int column) const
{
    switch (column) {
    case NameColumn: {
        QString text = tr("%1\nid %2 · sha256 %3").arg(file.filename).arg(file.id).arg(file.sha256);
        if (!file.sourcePath.isEmpty())
            text += u'\n' + tr("From %1").arg(file.sourcePath);
        return text;
    }
    case TypeColumn:
        return file.mimeType;
    case SizeColumn:
        return tr("%1 bytes").arg(QLocale().toString(file.sizeBytes));
    case StatusColumn:
        return tr("%1 since %2").arg(format::statusText(file.status), format::dateTime(file.statusChangedAt));
    case AttributesColumn:
        if (file.attributes.isEmpty())
            return {};
        return QString::fromUtf8(QJsonDocument(file.attributes).toJson(QJsonDocument::Indented)).trimmed();
    case UpdatedColumn:
        return format::dateTime(file.updatedAt);
    case ErrorColumn:
        if (file.lastErrorCode.isEmpty())
            return {};
        return u"%1: %2"_s.arg(file.lastErrorCode, file.lastErrorMessage);
    default:
        return {};
    }
}

QVariant FileTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return ServiceTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("File");
        case TypeColumn:
            return tr("Type");
        case SizeColumn:
            return tr("Size");
        case StatusColumn:
            return tr("Status");
        case AttributesColumn:
            return tr("Attributes");
        case UpdatedColumn:
            return tr("Updated");
        case ErrorColumn:
            return tr("Last error");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && !isSortable(section) && section >= 0 && section < ColumnCount)
        return tr("This column cannot be sorted");
    return {};
}

} // namespace vd::ui
