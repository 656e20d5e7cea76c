#pragma once

// Small helpers for driving the window offscreen like a user: deliver a drop of local files,
// find a visible top-level dialog, find a row by its first column.

#include <QAbstractItemModel>
#include <QApplication>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QUrl>
#include <QWidget>

namespace vd::test {

// Whether a status bar showed a message starting with `prefix`, from a spy on its
// messageChanged: the next message (the ingestion's "Indexed ...") may replace it within
// milliseconds, before a poll of currentMessage() sees it.
inline bool showedMessage(const QSignalSpy &messages, const QString &prefix)
{
    for (const QList<QVariant> &message : messages)
        if (message.value(0).toString().startsWith(prefix))
            return true;
    return false;
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Delivers a drag of local files onto a widget the way a file manager's drop arrives.
inline bool dropFiles(QWidget *target, const QPoint &pos, const QStringList &paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &move);
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

// The row whose first column shows `name`, or -1.
inline int rowNamed(const QAbstractItemModel *model, const QString &name)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data().toString() == name)
            return row;
    return -1;
}

// The visible top-level widget of type T with this object name (a dialog), or nullptr.
template<typename T> T *topLevel(const QString &objectName)
{
    const QWidgetList widgets = QApplication::topLevelWidgets();
    for (QWidget *w : widgets)
        if (auto *t = qobject_cast<T *>(w); t && t->objectName() == objectName && t->isVisible())
            return t;
    return nullptr;
}

} // namespace vd::test
