#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;
class QSpinBox;
class QTableView;

namespace vd::ui {

class ServiceRunner;
class TokenTableModel;

// The API tokens of one tenant for `vectordesk serve` (docs/gui.md, docs/api.md): list, create,
// revoke, as `vectordesk token` does, through VectorStoreService on worker threads. A new token's
// secret is shown once, in this dialog only, until it is dismissed or the dialog closes; it is
// never kept in the model or anywhere else. Needs the admin role in the tenant: without it every
// control is disabled and says why. GUI thread only; owns its model.
class TokensDialog : public QDialog
{
    Q_OBJECT

public:
    // mayManage false: nothing is loaded and every control is disabled with `whyNot` as its tooltip.
    TokensDialog(ServiceRunner *runner, qint64 tenantId, const QString &tenantSlug, bool mayManage,
                 const QString &whyNot, QWidget *parent = nullptr);
    ~TokensDialog() override;

    // Creates a token from the name, role and expiry fields.
    void createToken();
    // Asks to revoke the selected token (a non-modal confirmation; revokes on confirm).
    void confirmRevokeSelected();

    qint64 tenantId() const { return m_tenantId; }
    TokenTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QCheckBox *showInactiveBox() const { return m_showInactive; }
    QLineEdit *nameField() const { return m_name; }
    QComboBox *roleBox() const { return m_role; }
    QCheckBox *expiresBox() const { return m_expires; }
    QSpinBox *expiryDaysBox() const { return m_days; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *revokeButton() const { return m_revoke; }
    // The one place a new secret appears, with its copy button and "shown once" warning.
    QFrame *secretPanel() const { return m_secretPanel; }
    QLineEdit *secretField() const { return m_secret; }
    QPushButton *copyButton() const { return m_copy; }
    QPushButton *dismissSecretButton() const { return m_dismissSecret; }
    QLabel *statusLabel() const { return m_status; }
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    // A token was created or revoked ("Created API token ci (editor) in acme").
    void changed(const QString &message);

protected:
    void done(int result) override;

private:
    void revoke(qint64 tokenId, const QString &name);
    void showSecret(const QString &name, const QString &secret);
    void forgetSecret();
    void setBusy(bool busy);
    void showStatus(const QString &text, bool problem);
    void updateButtons();

    ServiceRunner *m_runner = nullptr;
    qint64 m_tenantId = 0;
    QString m_tenantSlug;
    bool m_mayManage = false;
    QString m_whyNot;
    bool m_busy = false;
    TokenTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QCheckBox *m_showInactive = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_role = nullptr;
    QCheckBox *m_expires = nullptr;
    QSpinBox *m_days = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_revoke = nullptr;
    QFrame *m_secretPanel = nullptr;
    QLabel *m_secretWarning = nullptr;
    QLineEdit *m_secret = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_dismissSecret = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace vd::ui
