#pragma once

#include <QMimeData>
#include <QStringList>
#include <QUrl>

namespace vd::ui {

// The local files and folders a drag carries (file URLs from a file manager); empty when none.
inline QStringList localPathsOf(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls)
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    return paths;
}

} // namespace vd::ui
