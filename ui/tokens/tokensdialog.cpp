#include "ui/tokens/tokensdialog.h"

#include "core/domain/apitoken.h"
#include "ui/data/servicerunner.h"
#include "ui/models/displayformat.h"
#include "ui/models/modelroles.h"
#include "ui/tokens/tokentablemodel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

TokensDialog::TokensDialog(ServiceRunner *runner, qint64 tenantId, const QString &tenantSlug, bool mayManage,
                           const QString &whyNot, QWidget *parent)
    : QDialog(parent)
    , m_runner(runner)
    , m_tenantId(tenantId)
    , m_tenantSlug(tenantSlug)
    , m_mayManage(mayManage)
    , m_whyNot(whyNot)
{
    setObjectName(u"tokensDialog"_s);
    setWindowTitle(tr("API tokens · %1").arg(tenantSlug));
    resize(760, 560);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Tokens let applications and the OpenAI SDKs call <tt>vectordesk serve</tt> as tenant "
                                "%1, with one role each (like <tt>vectordesk token</tt>). Only a hash of each secret "
                                "is kept.")
                                 .arg(tenantSlug.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_model = new TokenTableModel(runner, this);
    m_view = new QTableView(this);
    m_view->setObjectName(u"tokenTable"_s);
    m_view->setAccessibleName(tr("API tokens of %1").arg(tenantSlug));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->setAlternatingRowColors(true);
    layout->addWidget(m_view, 1);
    m_showInactive = new QCheckBox(tr("S&how revoked and expired tokens"), this);
    m_showInactive->setObjectName(u"showInactiveTokens"_s);
    m_showInactive->setAccessibleName(tr("Show revoked and expired tokens"));
    layout->addWidget(m_showInactive);

    // The new token's fields.
    auto *newBox = new QFrame(this);
    newBox->setFrameShape(QFrame::StyledPanel);
    auto *form = new QFormLayout(newBox);
    m_name = new QLineEdit(newBox);
    m_name->setObjectName(u"tokenName"_s);
    m_name->setAccessibleName(tr("New token name"));
    m_name->setMaxLength(64);
    m_name->setPlaceholderText(tr("e.g. ci-pipeline (letters, digits, - _ .)"));
    form->addRow(tr("&Name"), m_name);
    m_role = new QComboBox(newBox);
    m_role->setObjectName(u"tokenRole"_s);
    m_role->setAccessibleName(tr("New token role"));
    for (Role role : {Role::Viewer, Role::Editor, Role::Admin})
        m_role->addItem(format::roleText(role), roleName(role));
    m_role->setToolTip(tr("Viewer reads and searches; editor also uploads and attaches files; admin also manages "
                          "stores"));
    form->addRow(tr("R&ole"), m_role);
    auto *expiryRow = new QHBoxLayout;
    m_expires = new QCheckBox(tr("E&xpires after"), newBox);
    m_expires->setObjectName(u"tokenExpires"_s);
    m_expires->setAccessibleName(tr("The token expires"));
    m_expires->setChecked(true);
    m_days = new QSpinBox(newBox);
    m_days->setObjectName(u"tokenExpiryDays"_s);
    m_days->setAccessibleName(tr("Days until the token expires"));
    m_days->setRange(1, apitokens::kMaxExpiryDays);
    m_days->setValue(90);
    m_days->setSuffix(tr(" days"));
    expiryRow->addWidget(m_expires);
    expiryRow->addWidget(m_days);
    expiryRow->addStretch(1);
    m_create = new QPushButton(tr("&Create token"), newBox);
    m_create->setObjectName(u"createTokenButton"_s);
    m_create->setAccessibleName(tr("Create the API token"));
    expiryRow->addWidget(m_create);
    form->addRow(tr("Expiry"), expiryRow); // a layout has no buddy: the check box carries the mnemonic
    layout->addWidget(newBox);

    // The secret, once.
    m_secretPanel = new QFrame(this);
    m_secretPanel->setObjectName(u"tokenSecretPanel"_s);
    m_secretPanel->setFrameShape(QFrame::StyledPanel);
    m_secretPanel->setStyleSheet(u"#tokenSecretPanel { border: 1px solid #b26a00; border-radius: 4px; }"_s);
    auto *secretLayout = new QVBoxLayout(m_secretPanel);
    m_secretWarning = new QLabel(m_secretPanel);
    m_secretWarning->setObjectName(u"tokenSecretWarning"_s);
    m_secretWarning->setWordWrap(true);
    m_secretWarning->setTextFormat(Qt::RichText);
    secretLayout->addWidget(m_secretWarning);
    auto *secretRow = new QHBoxLayout;
    m_secret = new QLineEdit(m_secretPanel);
    m_secret->setObjectName(u"tokenSecret"_s);
    m_secret->setAccessibleName(tr("The new token's secret, shown once"));
    m_secret->setReadOnly(true);
    m_secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_copy = new QPushButton(tr("Co&py"), m_secretPanel);
    m_copy->setObjectName(u"copyTokenSecret"_s);
    m_copy->setAccessibleName(tr("Copy the secret to the clipboard"));
    m_dismissSecret = new QPushButton(tr("I have &saved it"), m_secretPanel);
    m_dismissSecret->setObjectName(u"dismissTokenSecret"_s);
    m_dismissSecret->setAccessibleName(tr("Hide the secret for good"));
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_copy);
    secretRow->addWidget(m_dismissSecret);
    secretLayout->addLayout(secretRow);
    m_secretPanel->hide();
    layout->addWidget(m_secretPanel);

    m_status = new QLabel(this);
    m_status->setObjectName(u"tokenStatus"_s);
    m_status->setAccessibleName(tr("API tokens state"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_revoke = buttons->addButton(tr("&Revoke…"), QDialogButtonBox::ActionRole);
    m_revoke->setObjectName(u"revokeTokenButton"_s);
    m_revoke->setIcon(QIcon(u":/icons/actions/delete.svg"_s));
    m_revoke->setAccessibleName(tr("Revoke the selected token"));
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_create, &QPushButton::clicked, this, [this] { createToken(); });
    connect(m_revoke, &QPushButton::clicked, this, [this] { confirmRevokeSelected(); });
    connect(m_name, &QLineEdit::returnPressed, this, [this] { createToken(); });
    connect(m_name, &QLineEdit::textChanged, this, [this] { updateButtons(); });
    connect(m_expires, &QCheckBox::toggled, this, [this] { updateButtons(); });
    connect(m_showInactive, &QCheckBox::toggled, m_model, &TokenTableModel::setIncludeInactive);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_secret->text());
        showStatus(tr("The secret is on the clipboard."), false);
    });
    connect(m_dismissSecret, &QPushButton::clicked, this, [this] { forgetSecret(); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] { updateButtons(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { updateButtons(); });
    connect(m_model, &ServiceTableModel::loadFinished, this, [this] {
        if (!m_model->errorMessage().isEmpty())
            showStatus(m_model->errorMessage(), true);
        else if (m_model->rowCount() == 0)
            showStatus(m_showInactive->isChecked() ? tr("%1 has no API tokens.").arg(m_tenantSlug)
                                                   : tr("%1 has no active API tokens.").arg(m_tenantSlug),
                       false);
        updateButtons();
    });

    if (m_mayManage) {
        m_model->setTenant(tenantId);
    } else {
        // Listing needs the admin role as well: nothing is loaded.
        showStatus(whyNot, true);
        for (QWidget *w : std::initializer_list<QWidget *>{m_view, m_showInactive, m_name, m_role, m_expires, m_days})
            w->setEnabled(false);
        for (QWidget *w : std::initializer_list<QWidget *>{m_view, m_showInactive, m_name, m_role, m_expires, m_days,
                                                           m_create, m_revoke})
            w->setToolTip(whyNot);
    }
    updateButtons();
}

TokensDialog::~TokensDialog()
{
    forgetSecret();
}

void TokensDialog::done(int result)
{
    // Closing is the end of "shown once".
    forgetSecret();
    QDialog::done(result);
}

void TokensDialog::showStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? u"color: #b3261e;"_s : QString());
}

void TokensDialog::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void TokensDialog::updateButtons()
{
    const bool nameOk = !m_name->text().trimmed().isEmpty();
    m_create->setEnabled(m_mayManage && !m_busy && nameOk);
    m_days->setEnabled(m_mayManage && m_expires->isChecked());
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const ApiToken *token = rows.size() == 1 ? m_model->tokenAt(rows.first().row()) : nullptr;
    const bool revocable = token && !token->revokedAt;
    m_revoke->setEnabled(m_mayManage && !m_busy && revocable);
    if (m_mayManage) {
        m_create->setToolTip(nameOk ? tr("Create the token; its secret is shown once") : tr("Name the token first."));
        m_revoke->setToolTip(!token ? tr("Select a token first.")
                                 : !revocable
                                 ? tr("%1 is already revoked.").arg(token->name)
                                 : tr("Stop %1 from working at once; this cannot be undone").arg(token->name));
    }
}

void TokensDialog::createToken()
{
    if (!m_mayManage || m_busy)
        return;
    const QString name = m_name->text().trimmed();
    if (auto problem = apitokens::validateName(name)) {
        showStatus(problem->message(), true);
        return;
    }
    const Role role = roleFromName(m_role->currentData().toString()).value_or(Role::Viewer);
    const std::optional<int> days = m_expires->isChecked() ? std::optional<int>(m_days->value()) : std::nullopt;
    // A secret still shown belongs to the previous token; a new one replaces it.
    forgetSecret();
    setBusy(true);
    showStatus(tr("Creating API token %1…").arg(name), false);
    const QString tenantRef = QString::number(m_tenantId);
    m_runner->run(
        this,
        [tenantRef, name, role, days](VectorStoreService &s) { return s.createApiToken(tenantRef, name, role, days); },
        [this](Result<NewApiToken> created) {
            setBusy(false);
            if (!created) {
                showStatus(created.error().message(), true);
                return;
            }
            const ApiToken &token = created->token;
            m_name->clear();
            showSecret(token.name, created->secret);
            const QString message =
                tr("Created API token %1 (%2) in %3").arg(token.name, format::roleWord(token.role), m_tenantSlug);
            showStatus(message + u'.', false);
            m_model->reload();
            Q_EMIT changed(message);
        });
}

void TokensDialog::showSecret(const QString &name, const QString &secret)
{
    m_secretWarning->setText(
        tr("<b>Copy the secret of %1 now: it is shown only this once.</b> VectorDesk keeps only its hash, so "
           "it cannot be shown again; if it is lost, revoke the token and create another.")
            .arg(name.toHtmlEscaped()));
    m_secret->setText(secret);
    m_secretPanel->show();
    m_secret->setFocus();
    m_secret->selectAll();
}

void TokensDialog::forgetSecret()
{
    if (!m_secret)
        return;
    m_secret->clear();
    m_secretPanel->hide();
}

void TokensDialog::confirmRevokeSelected()
{
    if (!m_mayManage || m_busy)
        return;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const ApiToken *token = rows.size() == 1 ? m_model->tokenAt(rows.first().row()) : nullptr;
    if (!token || token->revokedAt)
        return;
    const qint64 id = token->id;
    const QString name = token->name;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Revoke API token %1?").arg(name),
                                tr("Revoke API token %1 of %2?").arg(name, m_tenantSlug), QMessageBox::Cancel, this);
    box->setObjectName(u"revokeTokenConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Every request with its secret (prefix %1…) is refused from now on, with 401. "
                               "Revoking cannot be undone; the token stays in the list as revoked.")
                                .arg(token->prefix));
    QPushButton *confirm = box->addButton(tr("Revoke token"), QMessageBox::DestructiveRole);
    confirm->setObjectName(u"confirmRevokeButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(confirm, &QPushButton::clicked, this, [this, id, name] { revoke(id, name); });
    box->open();
}

void TokensDialog::revoke(qint64 tokenId, const QString &name)
{
    setBusy(true);
    showStatus(tr("Revoking API token %1…").arg(name), false);
    const QString tenantRef = QString::number(m_tenantId);
    const QString tokenRef = QString::number(tokenId);
    m_runner->run(
        this, [tenantRef, tokenRef](VectorStoreService &s) { return s.revokeApiToken(tenantRef, tokenRef); },
        [this](Result<ApiToken> revoked) {
            setBusy(false);
            if (!revoked) {
                showStatus(revoked.error().message(), true);
                return;
            }
            const QString message = tr("Revoked API token %1 of %2").arg(revoked->name, m_tenantSlug);
            showStatus(message + u'.', false);
            m_model->reload();
            Q_EMIT changed(message);
        });
}

} // namespace vd::ui
