#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <memory>

class QTemporaryFile;

namespace vd::engine {

// Where a file being prepared keeps its extracted text, chunks and postings until the index's
// writer takes them (LocalEngine::prepare). A spool is held in memory while it is small and the
// process's spools hold little in all; past either limit it moves to a temporary file in its
// folder, unlinked at once, so that nothing is left behind if the process is killed. Small files,
// the most common, then cost no file creation, write and read back.
// Written from its start, read after seek(0); not sequential.
class Spool final : public QIODevice
{
    Q_OBJECT
public:
    static constexpr qint64 kMemoryLimit = 8 << 20; // bytes of one spool held in memory
    static constexpr qint64 kProcessMemoryLimit = 64 << 20; // of every spool in the process

    // A spool whose file, if it needs one, is made in `dir`; open it with ReadWrite.
    explicit Spool(QString dir, QObject *parent = nullptr);
    ~Spool() override;

    bool open(OpenMode mode) override;
    void close() override;
    bool seek(qint64 position) override;
    qint64 size() const override;
    bool isSequential() const override { return false; }

    bool inMemory() const { return !m_file; }
    // The spool's file, or where it would be made while it is in memory (for messages).
    QString location() const;
    // Bytes the process's spools hold in memory now.
    static qint64 memoryInUse();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    bool moveToFile();
    void releaseMemory();

    QString m_dir;
    QByteArray m_memory;
    qint64 m_size = 0;
    qint64 m_reserved = 0; // of the process's memory limit
    std::unique_ptr<QTemporaryFile> m_file;
};

} // namespace vd::engine
