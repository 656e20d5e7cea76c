#include "ui/files/chunkmodel.h"

#include "ui/data/servicerunner.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

struct Page
{
    QList<ChunkModel::Row> rows;
    bool hasMore = false;
};

constexpr int kPreviewChars = 240;

} // namespace

ChunkModel::ChunkModel(ServiceRunner *runner, QObject *parent)
    : QAbstractTableModel(parent)
    , m_runner(runner)
{ }

void ChunkModel::setFile(qint64 tenantId, qint64 storeId, qint64 fileId)
{
    beginResetModel();
    ++m_generation;
    m_tenantId = tenantId;
    m_storeId = storeId;
    m_fileId = fileId;
    m_rows.clear();
    m_loading = false;
    m_hasMore = fileId != 0;
    m_target = -1;
    m_error.clear();
    endResetModel();
}

void ChunkModel::loadThrough(int ordinal)
{
    m_target = ordinal;
    if (rowOfOrdinal(ordinal) >= 0 || !m_hasMore) {
        m_target = -1;
        Q_EMIT pageLoaded();
        return;
    }
    if (!m_loading)
        loadPage(kPageSize * 2); // larger pages on the way to a chunk far down
}

const ChunkModel::Row *ChunkModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int ChunkModel::rowOfOrdinal(int ordinal) const
{
    // Chunks arrive in ordinal order, usually 0, 1, 2, ...: try the row of that number first.
    if (ordinal >= 0 && ordinal < m_rows.size() && m_rows.at(ordinal).chunk.ordinal == ordinal)
        return ordinal;
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).chunk.ordinal == ordinal)
            return row;
    return -1;
}

bool ChunkModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_loading && m_error.isEmpty();
}

void ChunkModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        loadPage(kPageSize);
}

void ChunkModel::loadPage(int count)
{
    m_loading = true;
    const quint64 generation = m_generation;
    const int first = m_rows.isEmpty() ? 0 : m_rows.last().chunk.ordinal + 1;
    const QString tenantRef = QString::number(m_tenantId);
    const QString storeRef = QString::number(m_storeId);
    const QString fileRef = QString::number(m_fileId);
    m_runner->run(
        this,
        [tenantRef, storeRef, fileRef, first, count](VectorStoreService &s) -> Result<Page> {
            // One more than asked: whether another page follows.
            auto chunks = s.fileChunks(tenantRef, storeRef, fileRef, first, count + 1);
            if (!chunks)
                return chunks.error();
            Page page;
            page.hasMore = chunks->size() > count;
            const qsizetype n = qMin<qsizetype>(chunks->size(), count);
            page.rows.reserve(n);
            for (qsizetype i = 0; i < n; ++i) {
                Row row{chunks->at(i), {}};
                row.preview =
                    QString::fromUtf8(row.chunk.text.left(kPreviewChars * 4)).left(kPreviewChars).simplified();
                page.rows.append(std::move(row));
            }
            return page;
        },
        [this, generation](Result<Page> page) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!page) {
                m_error = page.error().message();
                m_hasMore = false;
                m_target = -1;
                Q_EMIT pageLoaded();
                return;
            }
            m_hasMore = page->hasMore;
            if (!page->rows.isEmpty()) {
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->rows.size() - 1));
                m_rows.append(std::move(page->rows));
                endInsertRows();
            }
            if (m_target >= 0 && rowOfOrdinal(m_target) < 0 && m_hasMore) {
                loadPage(kPageSize * 2);
                return;
            }
            m_target = -1;
            Q_EMIT pageLoaded();
        });
}

int ChunkModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChunkModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChunkModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case OrdinalColumn:
            return row.chunk.ordinal;
        case TokensColumn:
            return row.chunk.tokenCount;
        case OffsetsColumn:
            return u"%1–%2"_s.arg(QLocale().toString(row.chunk.startOffset), QLocale().toString(row.chunk.endOffset));
        case TextColumn:
            return row.preview;
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != TextColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == OffsetsColumn)
        return tr("Byte offsets in the extracted text");
    return {};
}

QVariant ChunkModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OrdinalColumn:
        return tr("Chunk");
    case TokensColumn:
        return tr("Tokens");
    case OffsetsColumn:
        return tr("Bytes");
    case TextColumn:
        return tr("Text");
    default:
        return {};
    }
}

} // namespace vd::ui
