#include "ui/quota/quotagauge.h"

#include "ui/models/displayformat.h"

#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;

namespace vd::ui {

QuotaGauge::QuotaGauge(const QString &label, QWidget *parent)
    : QWidget(parent)
    , m_label(label)
{
    setAccessibleName(label);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QuotaGauge::Level QuotaGauge::levelFor(double percent)
{
    if (percent >= 95)
        return Level::Critical;
    if (percent >= 80)
        return Level::Warning;
    return Level::Normal;
}

QColor QuotaGauge::colorFor(Level level)
{
    switch (level) {
    case Level::Critical:
        return QColor(0xd9, 0x30, 0x25);
    case Level::Warning:
        return QColor(0xf0, 0x9a, 0x00);
    case Level::Normal:
        break;
    }
    return QColor(0x2f, 0x80, 0xed);
}

QuotaGauge::Level QuotaGauge::level() const
{
    return levelFor(m_percent);
}

QString QuotaGauge::valueText() const
{
    return m_empty ? QString() : tr("%1 of %2").arg(m_usedText, m_limitText);
}

void QuotaGauge::setValue(qint64 used, qint64 limit, const QString &usedText, const QString &limitText,
                          const QString &detail)
{
    m_empty = false;
    m_percent = limit <= 0 ? (used > 0 ? 100.0 : 0.0) : 100.0 * double(used) / double(limit);
    m_usedText = usedText;
    m_limitText = limitText;
    setToolTip(detail);
    setAccessibleDescription(tr("%1: %2 (%3)").arg(m_label, valueText(), format::percent(m_percent)));
    update();
}

void QuotaGauge::clear()
{
    m_empty = true;
    m_percent = 0;
    setToolTip({});
    update();
}

QSize QuotaGauge::sizeHint() const
{
    return {260, fontMetrics().height() * 2 + 12};
}

QSize QuotaGauge::minimumSizeHint() const
{
    return {160, sizeHint().height()};
}

void QuotaGauge::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const QRect line(0, 0, width(), fm.height());
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, m_label);
    const QString right = m_empty ? u"—"_s : u"%1  ·  %2"_s.arg(valueText(), format::percent(m_percent));
    QColor muted = palette().color(QPalette::WindowText);
    if (!m_empty && level() != Level::Normal)
        muted = colorFor(level()).darker(115);
    else
        muted.setAlphaF(0.7f);
    painter.setPen(muted);
    painter.drawText(line, Qt::AlignRight | Qt::AlignVCenter, right);

    const int barHeight = 8;
    const QRectF track(0.5, fm.height() + 5.5, width() - 1.0, barHeight);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xe4, 0xe8, 0xee));
    painter.drawRoundedRect(track, barHeight / 2.0, barHeight / 2.0);
    if (m_empty || m_percent <= 0)
        return;
    QRectF fill = track;
    fill.setWidth(qMax(double(barHeight), track.width() * qMin(m_percent, 100.0) / 100.0));
    painter.setBrush(colorFor(level()));
    painter.drawRoundedRect(fill, barHeight / 2.0, barHeight / 2.0);
}

} // namespace vd::ui
