#pragma once

#include "core/domain/types.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace vd::ui {

class ChunkModel;
class PlaceholderTableView;
class ServiceRunner;

// The page of one file: its metadata (sha256, type, size, chunking, attributes, times, the last
// error with its code), its chunks read in pages off the GUI thread, and its actions (retry,
// cancel, detach, restore, edit attributes). Opened from a file row or a search result.
class FilePage : public QDialog
{
    Q_OBJECT

public:
    // mayEdit false: the actions are disabled with `whyNot` as their tooltip (viewers).
    FilePage(ServiceRunner *runner, qint64 tenantId, qint64 storeId, qint64 fileId, bool mayEdit, const QString &whyNot,
             QWidget *parent = nullptr);

    qint64 tenantId() const { return m_tenantId; }
    qint64 storeId() const { return m_storeId; }
    qint64 fileId() const { return m_fileId; }
    const StoreFile &file() const { return m_file; }
    const QString &storeName() const { return m_storeName; }
    bool isLive() const { return m_live; }
    bool isLoading() const { return m_loading; }

    // Reads the file again (its chunks too when `chunks`).
    void reload(bool chunks = true);
    // Selects and scrolls to chunk `ordinal`, loading pages up to it first.
    void showChunk(int ordinal);

    // The value shown for a metadata field: id, store, status, sha256, type, size, usage,
    // chunking, attributes, created, updated, statusChanged, detached, lastError, source.
    QString field(const QString &key) const;
    ChunkModel *chunks() const { return m_chunks; }
    PlaceholderTableView *chunkTable() const { return m_chunkTable; }
    QTextBrowser *chunkText() const { return m_chunkText; }
    QLabel *chunkStatus() const { return m_chunkStatus; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *detachButton() const { return m_detach; }
    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *attributesButton() const { return m_attributes; }
    QPushButton *logButton() const { return m_log; }

Q_SIGNALS:
    // The metadata arrived (or failed to).
    void loaded();
    // A chunk asked for with showChunk() is selected (or could not be).
    void chunkShown();
    // A change went through: for the status bar.
    void changed(const QString &message);
    // Detach (asks first) and attribute editing are the window's actions, shared with the table.
    void detachRequested(const StoreFile &file);
    void editAttributesRequested(const StoreFile &file);

private:
    void showFile();
    void showSelectedChunk();
    void updateChunkStatus();
    void updateButtons();
    void runChange(const QString &what);
    void setField(const QString &key, const QString &value);

    ServiceRunner *m_runner = nullptr;
    qint64 m_tenantId = 0;
    qint64 m_storeId = 0;
    qint64 m_fileId = 0;
    bool m_mayEdit = false;
    QString m_whyNot;
    StoreFile m_file;
    QString m_storeName;
    BackendKind m_backend = BackendKind::Local;
    bool m_live = false;
    bool m_loading = false;
    bool m_busy = false;
    int m_wantedChunk = -1;
    QString m_error;

    QLabel *m_title = nullptr;
    QLabel *m_message = nullptr;
    QHash<QString, QLabel *> m_fields;
    ChunkModel *m_chunks = nullptr;
    PlaceholderTableView *m_chunkTable = nullptr;
    QTextBrowser *m_chunkText = nullptr;
    QLabel *m_chunkStatus = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_detach = nullptr;
    QPushButton *m_restore = nullptr;
    QPushButton *m_attributes = nullptr;
    QPushButton *m_log = nullptr; // the file's ingestion in View › Activity
};

} // namespace vd::ui
