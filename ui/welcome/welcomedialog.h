#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace vd::ui {

class ServiceRunner;

// The first run (docs/gui.md): on a database without tenants, the window offers to create the
// first tenant and its first store, then invites a drop of documents; or, for OpenAI's hosted
// stores, creates the tenant and leads to its key and the import of its existing stores. The
// same set-up as `vectordesk init`. Both names are checked before anything is created, and the
// work runs off the GUI thread.
class WelcomeDialog : public QDialog
{
    Q_OBJECT

public:
    WelcomeDialog(ServiceRunner *runner, const QString &operatorName, QWidget *parent = nullptr);

    QLineEdit *tenantField() const { return m_tenant; }
    QLineEdit *displayNameField() const { return m_displayName; }
    QLineEdit *storeField() const { return m_store; }
    QComboBox *backendBox() const { return m_backend; }
    QPushButton *createButton() const { return m_create; }
    QLabel *problemLabel() const { return m_problem; }
    bool isWorking() const { return m_working; }

Q_SIGNALS:
    // The tenant (and, for the local engine, its first store) exist now; storeId 0 for OpenAI.
    void created(qint64 tenantId, qint64 storeId, const QString &storeName);
    // The tenant was made for OpenAI: set its key, then import its stores.
    void openAIChosen(qint64 tenantId, const QString &slug);

private:
    void updateForm();
    void create();

    ServiceRunner *m_runner = nullptr;
    QLineEdit *m_tenant = nullptr;
    QLineEdit *m_displayName = nullptr;
    QLineEdit *m_store = nullptr;
    QComboBox *m_backend = nullptr;
    QLabel *m_storeLabel = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_create = nullptr;
    bool m_working = false;
};

} // namespace vd::ui
