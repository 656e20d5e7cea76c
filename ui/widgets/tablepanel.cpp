#include "ui/widgets/tablepanel.h"

#include "ui/widgets/placeholdertableview.h"

#include <QApplication>
#include <QClipboard>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

TablePanel::TablePanel(const QIcon &icon, const QString &title, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);

    m_headerLayout = new QHBoxLayout;
    m_headerLayout->setSpacing(6);
    auto *iconLabel = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    iconLabel->setPixmap(icon.pixmap(iconSize, iconSize));
    m_headerLayout->addWidget(iconLabel);

    m_titleLabel = new QLabel(title, this);
    QFont titleFont = m_titleLabel->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_titleLabel->setFont(titleFont);
    m_headerLayout->addWidget(m_titleLabel);

    QPalette muted = palette();
    muted.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(u"summaryLabel"_s);
    m_summaryLabel->setPalette(muted);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_headerLayout->addWidget(m_summaryLabel, 1);

    m_busyLabel = new QLabel(tr("Loading…"), this);
    m_busyLabel->setObjectName(u"busyLabel"_s);
    m_busyLabel->setPalette(muted);
    m_busyLabel->hide();
    m_headerLayout->addWidget(m_busyLabel);
    layout->addLayout(m_headerLayout);

    m_banner = new QFrame(this);
    m_banner->setObjectName(u"errorBanner"_s);
    m_banner->setStyleSheet(u"QFrame#errorBanner { background: #fdecea; border: 1px solid #f1aeb5;"
                            u" border-radius: 4px; } QFrame#errorBanner QLabel { color: #842029; }"_s);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(8, 4, 4, 4);
    auto *bannerIcon = new QLabel(m_banner);
    bannerIcon->setPixmap(QIcon(u":/icons/actions/error.svg"_s).pixmap(iconSize, iconSize));
    bannerLayout->addWidget(bannerIcon, 0, Qt::AlignTop);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setObjectName(u"errorText"_s);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::PlainText);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bannerLayout->addWidget(m_bannerText, 1);
    // The failed call's request id: what its log lines, audit row and spans are found by.
    m_bannerRequest = new QLabel(m_banner);
    m_bannerRequest->setObjectName(u"errorRequestId"_s);
    m_bannerRequest->setTextFormat(Qt::PlainText);
    m_bannerRequest->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bannerLayout->addWidget(m_bannerRequest, 0, Qt::AlignTop);
    m_copyRequest = new QPushButton(tr("Copy id"), m_banner);
    m_copyRequest->setObjectName(u"copyRequestIdButton"_s);
    m_copyRequest->setToolTip(tr("Copy the request id, to find this error in the log, the audit trail or View › "
                                 "Activity"));
    connect(m_copyRequest, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_bannerRequest->property("requestId").toString()); });
    bannerLayout->addWidget(m_copyRequest, 0, Qt::AlignTop);
    auto *retry = new QPushButton(QIcon(u":/icons/actions/refresh.svg"_s), tr("Retry"), m_banner);
    retry->setObjectName(u"retryButton"_s);
    connect(retry, &QPushButton::clicked, this, &TablePanel::retryRequested);
    bannerLayout->addWidget(retry, 0, Qt::AlignTop);
    m_banner->hide();
    layout->addWidget(m_banner);

    m_view = new PlaceholderTableView(this);
    m_view->setAccessibleName(title);
    layout->addWidget(m_view, 1);
    // A column dragged by the user keeps its width from then on. The last section follows the
    // view's width (it stretches): when it changes otherwise, the columns are fitted again.
    QHeaderView *header = m_view->horizontalHeader();
    connect(header, &QHeaderView::sectionResized, this, [this, header](int logical) {
        if (m_fitting || m_userSized)
            return;
        if (QApplication::mouseButtons() & Qt::LeftButton) {
            m_userSized = true;
            return;
        }
        if (header->visualIndex(logical) != header->count() - 1 || m_fitQueued)
            return;
        m_fitQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_fitQueued = false;
            fitColumns();
        });
    });
}

void TablePanel::setTitle(const QString &title)
{
    m_titleLabel->setText(title);
}

void TablePanel::setSummary(const QString &text)
{
    m_summaryLabel->setText(text);
}

QString TablePanel::summary() const
{
    return m_summaryLabel->text();
}

void TablePanel::setBusy(bool busy)
{
    m_busyLabel->setVisible(busy);
}

void TablePanel::showError(const QString &message, const QString &requestId)
{
    m_bannerText->setText(message);
    m_bannerRequest->setProperty("requestId", requestId);
    m_bannerRequest->setText(requestId.isEmpty() ? QString() : tr("Request %1").arg(requestId));
    m_bannerRequest->setVisible(!requestId.isEmpty());
    m_copyRequest->setVisible(!requestId.isEmpty());
    m_banner->show();
}

void TablePanel::showError(const ServiceError &error)
{
    showError(error.message(), error.details().value(u"request_id"_s).toString());
}

void TablePanel::clearError()
{
    m_banner->hide();
    m_bannerText->clear();
    m_bannerRequest->setProperty("requestId", QString());
}

QString TablePanel::errorRequestId() const
{
    return m_banner->isHidden() ? QString() : m_bannerRequest->property("requestId").toString();
}

QString TablePanel::errorMessage() const
{
    return m_banner->isHidden() ? QString() : m_bannerText->text();
}

void TablePanel::addHeaderWidget(QWidget *widget)
{
    m_headerLayout->addWidget(widget);
}

QString TablePanel::headerKey() const
{
    return u"ui/"_s + m_view->objectName() + u"/header"_s;
}

bool TablePanel::restoreHeaderState(const QSettings &settings)
{
    const QByteArray state = settings.value(headerKey()).toByteArray();
    if (state.isEmpty() || !m_view->horizontalHeader()->restoreState(state))
        return false;
    m_userSized = true;
    return true;
}

void TablePanel::saveHeaderState(QSettings &settings) const
{
    settings.setValue(headerKey(), m_view->horizontalHeader()->saveState());
}

void TablePanel::selectViewRow(const QModelIndex &viewIndex)
{
    if (!viewIndex.isValid())
        return;
    m_view->selectionModel()->setCurrentIndex(viewIndex,
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(viewIndex);
}

int TablePanel::wantedWidth(int column) const
{
    const QHeaderView *header = m_view->horizontalHeader();
    // The cells shown and the header; QAbstractItemView's public entry (QTableView's is protected).
    const QAbstractItemView *view = m_view;
    return qMin(qMax(view->sizeHintForColumn(column), header->sectionSizeHint(column)), m_maxColumnWidth);
}

void TablePanel::fitColumns()
{
    if (m_userSized || m_fitting || !m_view->model() || m_view->model()->rowCount() == 0)
        return;
    if (!m_view->isVisible()) {
        // A hidden view measures every loaded row, not the ones on screen: fit when it shows.
        m_fitOnShow = true;
        return;
    }
    m_fitting = true;
    QHeaderView *header = m_view->horizontalHeader();
    const bool stretch = header->stretchLastSection();
    header->setStretchLastSection(false);
    int total = 0;
    for (int i = 0; i < header->count(); ++i) {
        if (header->isSectionHidden(i))
            continue;
        header->resizeSection(i, wantedWidth(i));
        total += header->sectionSize(i);
    }
    int excess = total - m_view->viewport()->width();
    for (int column : std::as_const(m_elastic)) {
        if (excess <= 0 || header->isSectionHidden(column))
            continue;
        const int size = header->sectionSize(column);
        const int given = qMin(excess, qMax(0, size - 80));
        header->resizeSection(column, size - given);
        excess -= given;
    }
    header->setStretchLastSection(stretch);
    m_fitting = false;
}

void TablePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_fitOnShow)
        return;
    m_fitOnShow = false;
    QTimer::singleShot(0, this, [this] { fitColumns(); });
}

int TablePanel::naturalWidth() const
{
    int total = 2 * m_view->frameWidth();
    const QHeaderView *header = m_view->horizontalHeader();
    for (int i = 0; i < header->count(); ++i)
        if (!header->isSectionHidden(i))
            total += wantedWidth(i);
    if (m_view->verticalScrollBar()->isVisible())
        total += m_view->verticalScrollBar()->width();
    const QMargins margins = layout()->contentsMargins();
    return total + margins.left() + margins.right();
}

int TablePanel::heightForRows(int rows) const
{
    const int shown = m_view->model() ? qMin(qMax(m_view->model()->rowCount(), 1), rows) : rows;
    const QMargins margins = layout()->contentsMargins();
    int height = margins.top() + margins.bottom() + m_headerLayout->sizeHint().height() + layout()->spacing();
    if (m_banner->isVisible())
        height += m_banner->sizeHint().height() + layout()->spacing();
    height += 2 * m_view->frameWidth() + m_view->horizontalHeader()->height()
        + shown * m_view->verticalHeader()->defaultSectionSize();
    if (m_view->horizontalScrollBar()->isVisible())
        height += m_view->horizontalScrollBar()->height();
    return height;
}

} // namespace vd::ui
