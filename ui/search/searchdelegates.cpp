#include "ui/search/searchdelegates.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QPainter>
#include <QRegularExpression>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace vd::ui {

QString highlightedHtml(const QString &text, const QStringList &terms)
{
    QStringList escaped;
    for (const QString &term : terms)
        if (!term.trimmed().isEmpty())
            escaped << QRegularExpression::escape(term.trimmed());
    if (escaped.isEmpty())
        return text.toHtmlEscaped();
    const QRegularExpression words(u"\\b(%1)\\b"_s.arg(escaped.join(u'|')),
                                   QRegularExpression::CaseInsensitiveOption
                                       | QRegularExpression::UseUnicodePropertiesOption);
    QString html;
    qsizetype last = 0;
    auto it = words.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        html += text.mid(last, match.capturedStart() - last).toHtmlEscaped();
        html += u"<span style=\"background-color:#ffe58f; color:#1f1f1f;\">"_s + match.captured().toHtmlEscaped()
            + u"</span>"_s;
        last = match.capturedEnd();
    }
    html += text.mid(last).toHtmlEscaped();
    return html;
}

void ScoreBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString number = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget); // background, selection

    const double score = qBound(0.0, index.data(Qt::UserRole + 100).toDouble(), 1.0);
    const QRect area = opt.rect.adjusted(6, 0, -6, 0);
    const int numberWidth = opt.fontMetrics.horizontalAdvance(u"0.000"_s) + 6;
    const int barHeight = qMin(8, area.height() - 6);
    const QRect track(area.left(), area.center().y() - barHeight / 2 + 1, area.width() - numberWidth, barHeight);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setBrush(selected ? QColor(255, 255, 255, 90) : QColor(0xe4, 0xe8, 0xee));
    painter->drawRoundedRect(track, barHeight / 2.0, barHeight / 2.0);
    QRect fill = track;
    fill.setWidth(qMax(barHeight, int(track.width() * score)));
    const QColor color = score >= 0.66 ? QColor(0x2f, 0x80, 0xed)
        : score >= 0.33                ? QColor(0x56, 0x9c, 0xf0)
                                       : QColor(0x9d, 0xb8, 0xe0);
    painter->setBrush(selected ? opt.palette.color(QPalette::HighlightedText) : color);
    painter->drawRoundedRect(fill, barHeight / 2.0, barHeight / 2.0);
    painter->setPen(opt.state & QStyle::State_Selected ? opt.palette.color(QPalette::HighlightedText)
                                                       : opt.palette.color(QPalette::Text));
    painter->setFont(opt.font);
    painter->drawText(QRect(track.right() + 6, area.top(), numberWidth - 6, area.height()),
                      Qt::AlignRight | Qt::AlignVCenter, number);
    painter->restore();
}

QSize ScoreBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(qMax(size.width(), 130));
    return size;
}

HighlightDelegate::HighlightDelegate(int termsRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_termsRole(termsRole)
{ }

void HighlightDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QRect area = opt.rect.adjusted(4, 0, -4, 0);
    // Keep the first match in view: start shortly before it when the line is long.
    const QStringList terms = index.data(m_termsRole).toStringList();
    QString shown = text;
    qsizetype first = -1;
    for (const QString &term : terms) {
        const qsizetype at = text.indexOf(term, 0, Qt::CaseInsensitive);
        if (at >= 0 && (first < 0 || at < first))
            first = at;
    }
    if (first > 60)
        shown = u"…"_s + text.mid(first - 40);
    const QString elided = opt.fontMetrics.elidedText(shown, Qt::ElideRight, area.width());
    QTextDocument doc;
    doc.setDefaultFont(opt.font);
    doc.setDocumentMargin(0);
    doc.setHtml(highlightedHtml(elided, terms));
    painter->save();
    painter->translate(area.left(), area.top() + (area.height() - doc.size().height()) / 2);
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = opt.palette;
    context.palette.setColor(QPalette::Text,
                             opt.state & QStyle::State_Selected ? opt.palette.color(QPalette::HighlightedText)
                                                                : opt.palette.color(QPalette::Text));
    doc.documentLayout()->draw(painter, context);
    painter->restore();
}

} // namespace vd::ui
