#pragma once

#include <QByteArray>
#include <QFile>
#include <QIODevice>
#include <QList>
#include <QString>

#include <memory>

namespace vd::openai {

// The body of a POST that QtNetwork can send once and never again. Qt re-sends a request by
// itself when the connection closes before an answer arrives (a reused keep-alive connection, a
// server that processed the request and dropped it); for a create that makes a second object.
// With this device (sequential, not resettable once read; sent unbuffered with its
// Content-Length) Qt cannot re-send: the attempt fails with ContentReSendError instead, and the
// client decides, with its Idempotency-Key and by looking for what was created.
// Parts are bytes or a file streamed from disk (multipart uploads), read in order.
class OneShotBody final : public QIODevice
{
    Q_OBJECT

public:
    explicit OneShotBody(QObject *parent = nullptr);

    void appendBytes(const QByteArray &bytes);
    // The file must stay the size it has now; a file that shrinks or grows fails the read.
    bool appendFile(const QString &path, QString *error);
    qint64 totalSize() const { return m_total; }

    bool isSequential() const override { return true; }
    bool reset() override { return m_read == 0; } // once sent (in part), never again
    qint64 bytesAvailable() const override { return m_total - m_read + QIODevice::bytesAvailable(); }
    bool atEnd() const override { return m_read >= m_total && QIODevice::bytesAvailable() == 0; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    struct Part
    {
        QByteArray bytes;
        std::unique_ptr<QFile> file;
        qint64 size = 0;
    };
    std::vector<Part> m_parts;
    size_t m_current = 0;
    qint64 m_offset = 0; // within the current part
    qint64 m_total = 0;
    qint64 m_read = 0;
};

} // namespace vd::openai
