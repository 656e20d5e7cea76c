#include "ui/files/filepage.h"

#include "ui/activity/activitydialog.h"
#include "ui/data/servicerunner.h"
#include "ui/files/chunkmodel.h"
#include "ui/models/displayformat.h"
#include "ui/widgets/placeholdertableview.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

struct Loaded
{
    StoreFile file;
    QString storeName;
    BackendKind backend = BackendKind::Local;
    bool live = true;
};

const QList<std::pair<QString, const char *>> &fieldNames()
{
    static const QList<std::pair<QString, const char *>> names = {
        {u"id"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "File id")},
        {u"store"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "Store")},
        {u"status"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "Status")},
        {u"lastError"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "Last error")},
        {u"type"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "Type")},
        {u"size"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "Size")},
        {u"usage"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "Indexed")},
        {u"sha256"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "SHA-256")},
        {u"chunking"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "Chunking")},
        {u"attributes"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "Attributes")},
        {u"created"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "Attached")},
        {u"updated"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "Updated")},
        {u"statusChanged"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "Status since")},
        {u"detached"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "Detached")},
        {u"source"_s, QT_TRANSLATE_NOOP("vd::ui::FilePage", "Source")},
    };
    return names;
}

} // namespace

FilePage::FilePage(ServiceRunner *runner, qint64 tenantId, qint64 storeId, qint64 fileId, bool mayEdit,
                   const QString &whyNot, QWidget *parent)
    : QDialog(parent)
    , m_runner(runner)
    , m_tenantId(tenantId)
    , m_storeId(storeId)
    , m_fileId(fileId)
    , m_mayEdit(mayEdit)
    , m_whyNot(whyNot)
    , m_chunks(new ChunkModel(runner, this))
{
    setObjectName(u"filePage"_s);
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    setWindowTitle(tr("File %1").arg(fileId));
    resize(1100, 720);
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(tr("Loading…"), this);
    m_title->setObjectName(u"filePageTitle"_s);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    m_message = new QLabel(this);
    m_message->setObjectName(u"filePageMessage"_s);
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    // The metadata, in a scroll area for small windows.
    auto *scroll = new QScrollArea(splitter);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // values wrap instead
    auto *metadata = new QWidget(scroll);
    auto *form = new QFormLayout(metadata);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    for (const auto &[key, label] : fieldNames()) {
        auto *value = new QLabel(metadata);
        value->setObjectName(u"fileField_"_s + key);
        value->setWordWrap(true);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setAccessibleName(tr(label));
        if (key == u"sha256"_s)
            value->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        form->addRow(tr(label), value);
        m_fields.insert(key, value);
    }
    scroll->setWidget(metadata);
    splitter->addWidget(scroll);

    // The chunks, and the one selected in full.
    auto *chunkSplitter = new QSplitter(Qt::Vertical, splitter);
    auto *chunkPane = new QWidget(chunkSplitter);
    auto *chunkLayout = new QVBoxLayout(chunkPane);
    chunkLayout->setContentsMargins(0, 0, 0, 0);
    m_chunkStatus = new QLabel(chunkPane);
    m_chunkStatus->setObjectName(u"chunkStatus"_s);
    chunkLayout->addWidget(m_chunkStatus);
    m_chunkTable = new PlaceholderTableView(chunkPane);
    m_chunkTable->setObjectName(u"chunkTable"_s);
    m_chunkTable->setAccessibleName(tr("Chunks of the file"));
    m_chunkTable->setModel(m_chunks);
    m_chunkTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_chunkTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_chunkTable->setAlternatingRowColors(true);
    m_chunkTable->setShowGrid(false);
    m_chunkTable->setWordWrap(false);
    m_chunkTable->verticalHeader()->hide();
    m_chunkTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_chunkTable->verticalHeader()->setDefaultSectionSize(m_chunkTable->fontMetrics().height() + 8);
    m_chunkTable->horizontalHeader()->resizeSection(ChunkModel::OrdinalColumn, 64);
    m_chunkTable->horizontalHeader()->resizeSection(ChunkModel::TokensColumn, 64);
    m_chunkTable->horizontalHeader()->resizeSection(ChunkModel::OffsetsColumn, 130);
    m_chunkTable->horizontalHeader()->setStretchLastSection(true);
    chunkLayout->addWidget(m_chunkTable, 1);
    chunkSplitter->addWidget(chunkPane);
    m_chunkText = new QTextBrowser(chunkSplitter);
    m_chunkText->setObjectName(u"chunkText"_s);
    m_chunkText->setAccessibleName(tr("The selected chunk"));
    m_chunkText->setPlaceholderText(tr("Select a chunk to read it whole."));
    chunkSplitter->addWidget(m_chunkText);
    chunkSplitter->setSizes({420, 260});
    splitter->addWidget(chunkSplitter);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({380, 720});
    layout->addWidget(splitter, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto button = [&](const QString &name, const QString &icon, const QString &text) {
        QPushButton *b = buttons->addButton(text, QDialogButtonBox::ActionRole);
        b->setObjectName(name);
        b->setIcon(QIcon(u":/icons/actions/%1.svg"_s.arg(icon)));
        b->setAutoDefault(false);
        return b;
    };
    m_retry = button(u"fileRetryButton"_s, u"refresh"_s, tr("&Retry"));
    m_cancel = button(u"fileCancelButton"_s, u"error"_s, tr("Ca&ncel processing"));
    m_attributes = button(u"fileAttributesButton"_s, u"settings"_s, tr("Edit &attributes…"));
    m_detach = button(u"fileDetachButton"_s, u"delete"_s, tr("&Detach…"));
    m_restore = button(u"fileRestoreButton"_s, u"restore"_s, tr("Re&store"));
    m_log = button(u"fileLogButton"_s, u"search"_s, tr("&Log lines…"));
    m_log->setToolTip(tr("The log lines of this file's last ingestion in this window (View › Activity)"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_retry, &QPushButton::clicked, this, [this] { runChange(u"retry"_s); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { runChange(u"cancel"_s); });
    connect(m_restore, &QPushButton::clicked, this, [this] { runChange(u"restore"_s); });
    connect(m_detach, &QPushButton::clicked, this, [this] { Q_EMIT detachRequested(m_file); });
    connect(m_attributes, &QPushButton::clicked, this, [this] { Q_EMIT editAttributesRequested(m_file); });
    connect(m_log, &QPushButton::clicked, this, [this] {
        auto *activity = new ActivityDialog(this);
        activity->setAttribute(Qt::WA_DeleteOnClose);
        activity->showFile(m_file.id, m_file.filename);
        activity->show();
    });
    connect(m_chunkTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { showSelectedChunk(); });
    connect(m_chunks, &ChunkModel::pageLoaded, this, [this] {
        updateChunkStatus();
        if (m_wantedChunk < 0)
            return;
        const int row = m_chunks->rowOfOrdinal(m_wantedChunk);
        if (row >= 0 || !m_chunks->hasMore() || !m_chunks->error().isEmpty()) {
            m_wantedChunk = -1;
            if (row >= 0) {
                m_chunkTable->setCurrentIndex(m_chunks->index(row, ChunkModel::TextColumn));
                m_chunkTable->scrollTo(m_chunks->index(row, 0), QAbstractItemView::PositionAtCenter);
            }
            Q_EMIT chunkShown();
        }
    });
    updateButtons();
    reload();
}

QString FilePage::field(const QString &key) const
{
    const QLabel *label = m_fields.value(key);
    return label ? label->property("value").toString() : QString();
}

void FilePage::setField(const QString &key, const QString &value)
{
    QLabel *label = m_fields.value(key);
    if (!label)
        return;
    // Long unbroken values (a hash, a path) may wrap: a zero-width space after every 16
    // characters of the hash and after each '/' of a path. field() and the tooltip keep the value.
    QString shown = value;
    if (key == u"sha256"_s)
        for (qsizetype i = shown.size() - 16; i > 0; i -= 16)
            shown.insert(i, QChar(0x200B));
    else if (key == u"source"_s)
        shown.replace(u'/', u"/\u200B"_s);
    label->setText(value.isEmpty() ? tr("—") : shown);
    label->setProperty("value", value.isEmpty() ? tr("—") : value);
    label->setToolTip(value);
}

void FilePage::reload(bool chunks)
{
    m_loading = true;
    const QString tenantRef = QString::number(m_tenantId);
    const QString storeRef = QString::number(m_storeId);
    const QString fileRef = QString::number(m_fileId);
    m_runner->run(
        this,
        [tenantRef, storeRef, fileRef](VectorStoreService &s) -> Result<Loaded> {
            auto store = s.store(tenantRef, storeRef);
            if (!store)
                return store.error();
            Loaded loaded;
            loaded.storeName = store->name;
            loaded.backend = store->backend;
            auto file = s.file(tenantRef, storeRef, fileRef, Visibility::Live);
            if (!file && file.error().kind() == ServiceError::Kind::NotFound) {
                loaded.live = false;
                file = s.file(tenantRef, storeRef, fileRef, Visibility::Deleted);
            }
            if (!file)
                return file.error();
            loaded.file = file.value();
            return loaded;
        },
        [this, chunks](Result<Loaded> result) {
            m_loading = false;
            if (!result) {
                m_error = result.error().message();
                m_title->setText(tr("File %1").arg(m_fileId));
                m_message->setText(m_error);
                m_message->show();
                m_chunkTable->setPlaceholderText(m_error);
                updateButtons();
                Q_EMIT loaded();
                return;
            }
            m_error.clear();
            m_file = result->file;
            m_storeName = result->storeName;
            m_backend = result->backend;
            m_live = result->live;
            showFile();
            if (chunks) {
                const bool readable = m_live && m_file.status == FileStatus::Completed;
                m_chunks->setFile(m_tenantId, m_storeId, readable ? m_fileId : 0);
                m_chunkText->clear();
                if (readable && m_wantedChunk >= 0)
                    m_chunks->loadThrough(m_wantedChunk);
                else if (readable)
                    m_chunks->fetchMore({});
                updateChunkStatus();
            }
            Q_EMIT loaded();
        });
}

void FilePage::showChunk(int ordinal)
{
    m_wantedChunk = ordinal;
    if (!m_loading && m_chunks->rowCount() + (m_chunks->isLoading() ? 1 : 0) > 0)
        m_chunks->loadThrough(ordinal);
    // Otherwise the metadata is still loading: reload() asks for the chunk when it arrives.
}

void FilePage::showFile()
{
    const StoreFile &f = m_file;
    setWindowTitle(tr("%1 · %2").arg(f.filename, m_storeName));
    m_title->setText(m_live ? f.filename : tr("%1 (detached)").arg(f.filename));
    setField(u"id"_s, QString::number(f.id));
    setField(u"store"_s, tr("%1 (%2)").arg(m_storeName, format::backendText(m_backend)));
    setField(u"status"_s, format::statusText(f.status));
    setField(u"lastError"_s,
             f.lastErrorCode.isEmpty() && f.lastErrorMessage.isEmpty()
                 ? QString()
                 : tr("%1: %2").arg(f.lastErrorCode, f.lastErrorMessage));
    setField(u"type"_s, f.mimeType);
    setField(u"size"_s, tr("%1 (%2 bytes)").arg(format::bytes(f.sizeBytes), QLocale().toString(f.sizeBytes)));
    setField(u"usage"_s, format::bytes(f.usageBytes));
    setField(u"sha256"_s, f.sha256);
    setField(u"chunking"_s,
             f.chunking.type == u"static"_s ? tr("Static: %1-token chunks, %2 overlap")
                                                  .arg(f.chunking.maxChunkSizeTokens)
                                                  .arg(f.chunking.chunkOverlapTokens)
                                            : tr("Automatic (%1-token chunks, %2 overlap)")
                                                  .arg(f.chunking.maxChunkSizeTokens)
                                                  .arg(f.chunking.chunkOverlapTokens));
    setField(u"attributes"_s,
             f.attributes.isEmpty()
                 ? QString()
                 : QString::fromUtf8(QJsonDocument(f.attributes).toJson(QJsonDocument::Indented)).trimmed());
    setField(u"created"_s, f.createdAt ? format::dateTime(f.createdAt) : QString());
    setField(u"updated"_s, f.updatedAt ? format::dateTime(f.updatedAt) : QString());
    setField(u"statusChanged"_s, f.statusChangedAt ? format::dateTime(f.statusChangedAt) : QString());
    setField(u"detached"_s, f.deletedAt ? format::dateTime(*f.deletedAt) : QString());
    setField(u"source"_s, f.sourcePath.isEmpty() ? f.remoteFileId : f.sourcePath);
    m_message->setVisible(!m_live);
    m_message->setText(m_live ? QString()
                              : tr("This file is detached from %1: it is not searchable. Restore it to attach it "
                                   "again with its chunks.")
                                    .arg(m_storeName));
    updateButtons();
}

void FilePage::updateChunkStatus()
{
    const QString placeholder = !m_chunks->error().isEmpty() ? m_chunks->error()
        : !m_live                                 ? tr("The file is detached; restore it to read its chunks.")
        : m_file.status == FileStatus::InProgress ? tr("The file is not indexed yet; its chunks appear when it is.")
        : m_file.status == FileStatus::Failed     ? tr("The file failed to index, so it has no chunks. Fix the cause "
                                                           "(Last error) and press Retry.")
        : m_file.status == FileStatus::Cancelled  ? tr("Processing was cancelled; press Retry to index the file.")
        : m_chunks->isLoading()                   ? tr("Loading chunks…")
                                                  : tr("The file has no chunks (no text could be extracted).");
    m_chunkTable->setPlaceholderText(placeholder);
    const int n = m_chunks->rowCount();
    if (n == 0)
        m_chunkStatus->setText(tr("Chunks"));
    else if (m_chunks->hasMore())
        m_chunkStatus->setText(tr("Chunks 0–%1 loaded; more load as you scroll").arg(n - 1));
    else
        m_chunkStatus->setText(tr("%Ln chunk(s)", nullptr, int(n)));
}

void FilePage::showSelectedChunk()
{
    const int row = m_chunkTable->currentIndex().row();
    const ChunkModel::Row *r = m_chunks->rowAt(row);
    if (!r) {
        m_chunkText->clear();
        return;
    }
    // The text the chunk shares with the one before (the overlap) is shown dimmed.
    qint64 shared = 0;
    if (const ChunkModel::Row *before = m_chunks->rowAt(row - 1))
        shared = qBound<qint64>(0, before->chunk.endOffset - r->chunk.startOffset, r->chunk.text.size());
    QString html = u"<p style=\"color:#666\">"_s
        + tr("Chunk %1 · %2 tokens · bytes %3–%4")
              .arg(r->chunk.ordinal)
              .arg(r->chunk.tokenCount)
              .arg(r->chunk.startOffset)
              .arg(r->chunk.endOffset);
    if (shared > 0)
        html += u" · "_s + tr("the dimmed start repeats the end of chunk %1").arg(r->chunk.ordinal - 1);
    html += u"</p><div style=\"white-space:pre-wrap\">"_s;
    if (shared > 0)
        html += u"<span style=\"color:#8a8a8a\">"_s + QString::fromUtf8(r->chunk.text.left(shared)).toHtmlEscaped()
            + u"</span>"_s;
    html += QString::fromUtf8(r->chunk.text.mid(shared)).toHtmlEscaped() + u"</div>"_s;
    m_chunkText->setHtml(html);
}

void FilePage::updateButtons()
{
    const bool have = m_file.id != 0 && !m_busy;
    const FileStatus st = m_file.status;
    auto allow = [this](QPushButton *b, bool ok, const QString &why, const QString &tip) {
        b->setEnabled(m_mayEdit && ok);
        b->setToolTip(!m_mayEdit ? m_whyNot : ok ? tip : why);
    };
    allow(m_retry, have && m_live && st != FileStatus::Completed,
          tr("Only failed, cancelled or stuck files can be retried."), tr("Put the file back in the indexing queue"));
    allow(m_cancel, have && m_live && st == FileStatus::InProgress, tr("Only files in progress can be cancelled."),
          tr("Stop processing the file"));
    allow(m_attributes, have && m_live, tr("Restore the file to edit its attributes."),
          tr("Edit the attributes search filters match"));
    allow(m_detach, have && m_live, tr("The file is already detached."),
          tr("Remove the file from the store (it goes to the trash)"));
    allow(m_restore, have && !m_live, tr("The file is attached."), tr("Attach the file again, its chunks searchable"));
}

void FilePage::runChange(const QString &what)
{
    if (!m_mayEdit || m_busy || m_file.id == 0)
        return;
    m_busy = true;
    updateButtons();
    const QString tenantRef = QString::number(m_tenantId);
    const QString storeRef = QString::number(m_storeId);
    const QString fileRef = QString::number(m_fileId);
    m_runner->run(
        this,
        [what, tenantRef, storeRef, fileRef](VectorStoreService &s) {
            return what == u"retry"_s ? s.retryFile(tenantRef, storeRef, fileRef)
                : what == u"cancel"_s ? s.cancelFile(tenantRef, storeRef, fileRef)
                                      : s.restoreFile(tenantRef, storeRef, fileRef);
        },
        [this, what](Result<StoreFile> changed) {
            m_busy = false;
            if (!changed) {
                m_message->setText(changed.error().message());
                m_message->show();
                updateButtons();
                return;
            }
            reload();
            Q_EMIT this->changed(what == u"retry"_s        ? tr("Retrying %1").arg(changed->filename)
                                     : what == u"cancel"_s ? tr("Cancelled %1").arg(changed->filename)
                                                           : tr("Restored file %1").arg(changed->filename));
        });
}

} // namespace vd::ui
