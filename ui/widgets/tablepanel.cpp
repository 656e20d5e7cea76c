#include "ui/widgets/tablepanel.h"

#include "ui/widgets/placeholdertableview.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
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
    auto *retry = new QPushButton(QIcon(u":/icons/actions/refresh.svg"_s), tr("Retry"), m_banner);
    retry->setObjectName(u"retryButton"_s);
    connect(retry, &QPushButton::clicked, this, &TablePanel::retryRequested);
    bannerLayout->addWidget(retry, 0, Qt::AlignTop);
    m_banner->hide();
    layout->addWidget(m_banner);

    m_view = new PlaceholderTableView(this);
    m_view->setAccessibleName(title);
    layout->addWidget(m_view, 1);
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

void TablePanel::showError(const QString &message)
{
    m_bannerText->setText(message);
    m_banner->show();
}

void TablePanel::clearError()
{
    m_banner->hide();
    m_bannerText->clear();
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
    m_columnsSized = true;
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

void TablePanel::sizeColumnsOnce(int maxWidth)
{
    if (m_columnsSized || !m_view->model() || m_view->model()->rowCount() == 0)
        return;
    m_columnsSized = true;
    QHeaderView *header = m_view->horizontalHeader();
    m_view->resizeColumnsToContents();
    int total = 0;
    int widest = 0;
    for (int i = 0; i < header->count(); ++i) {
        header->resizeSection(i, qMin(header->sectionSize(i), maxWidth));
        total += header->sectionSize(i);
        if (header->sectionSize(i) > header->sectionSize(widest))
            widest = i;
    }
    // A few pixels too wide would cost a scroll bar: take them from the widest column (it elides).
    const int excess = total - m_view->viewport()->width();
    if (m_view->isVisible() && excess > 0 && excess < header->sectionSize(widest) / 3)
        header->resizeSection(widest, header->sectionSize(widest) - excess);
}

} // namespace vd::ui
