#pragma once

#include "core/domain/types.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace vd::ui {

class ChunkingEditor;
class KeyValueEditor;
class ServiceRunner;

// Creates a store, or edits one (name, expiry policy, chunking, metadata). The change runs on a worker
// thread; the dialog stays open with the service's message when it is refused.
class StoreDialog : public QDialog
{
    Q_OBJECT

public:
    // store: nullptr to create a store in the tenant.
    StoreDialog(ServiceRunner *runner, qint64 tenantId, const QString &tenantSlug, const VectorStore *store,
                QWidget *parent = nullptr);

    QLineEdit *nameField() const { return m_name; }
    QComboBox *backendBox() const { return m_backend; }
    QCheckBox *expiryBox() const { return m_expires; }
    QSpinBox *expiryDays() const { return m_days; }
    KeyValueEditor *metadataEditor() const { return m_metadata; }
    ChunkingEditor *chunkingEditor() const { return m_chunking; }
    QString errorText() const;
    // Editing: names the agents that lose the store when an expiry is added or shortened.
    QLabel *expiryAgentsNote() const { return m_expiryAgents; }
    // Under the backend: whether the tenant has an OpenAI key, and where to set one.
    QLabel *keyNote() const { return m_keyNote; }
    // True from choosing the OpenAI backend until the key lookup answered.
    bool isCheckingKey() const { return m_checkingKey; }

    void accept() override;

Q_SIGNALS:
    void saved(const vd::VectorStore &store);
    // The user asked to set an OpenAI key (Settings › OpenAI keys).
    void openAIKeysRequested();

private:
    void updateOk();
    // Looks the tenant's OpenAI key up (environment, key file, keychain; no network) when the
    // OpenAI backend is chosen for a new store.
    void checkOpenAIKey();
    void updateExpiryAgents();

    ServiceRunner *m_runner = nullptr;
    qint64 m_tenantId = 0;
    std::optional<VectorStore> m_store;
    QLineEdit *m_name = nullptr;
    QComboBox *m_backend = nullptr;
    QCheckBox *m_expires = nullptr;
    QSpinBox *m_days = nullptr;
    KeyValueEditor *m_metadata = nullptr;
    ChunkingEditor *m_chunking = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_saving = false;
    QString m_tenantSlug;
    QLabel *m_keyNote = nullptr;
    bool m_checkingKey = false;
    bool m_keyMissing = false;
    int m_keyLookup = 0; // answers of older lookups are dropped
    QLabel *m_expiryAgents = nullptr;
    QStringList m_agentsUsing;
};

} // namespace vd::ui
