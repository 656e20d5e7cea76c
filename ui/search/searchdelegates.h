#pragma once

#include <QStringList>
#include <QStyledItemDelegate>

namespace vd::ui {

// The text as HTML with every whole-word, case-insensitive occurrence of a term marked.
QString highlightedHtml(const QString &text, const QStringList &terms);

// A score from 0 to 1 painted as a bar with its number beside it.
class ScoreBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

// One line of chunk text with the matched terms highlighted (terms from a model role).
class HighlightDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    HighlightDelegate(int termsRole, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_termsRole = 0;
};

} // namespace vd::ui
