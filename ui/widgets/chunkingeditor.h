#pragma once

#include "core/domain/types.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QSpinBox;

namespace vd::ui {

// How files are chunked, edited inline: automatic, or fixed-size chunks with an overlap, checked
// as you type (100..4096 tokens, overlap at most half). Where files are attached it also offers
// "the store's chunking", which leaves the choice to the store.
class ChunkingEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ChunkingEditor(QWidget *parent = nullptr);

    // Offers "the store's chunking" first and selects it (attach); without it the editor edits a
    // store's own chunking.
    void offerStoreChunking(const ChunkingStrategy &storeChunking);
    void setChunking(const ChunkingStrategy &chunking);
    // nullopt: the store's chunking (only when offered and selected).
    std::optional<ChunkingStrategy> chunking() const;

    bool isValid() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }

    QComboBox *modeBox() const { return m_mode; }
    QSpinBox *sizeBox() const { return m_size; }
    QSpinBox *overlapBox() const { return m_overlap; }

    // "auto (800 tokens, 400 overlap)" or "fixed, 300 tokens, 50 overlap", for summaries.
    static QString describe(const ChunkingStrategy &chunking);

Q_SIGNALS:
    void changed();

private:
    enum Mode { StoreMode, AutoMode, FixedMode };
    Mode mode() const;
    void update();

    QComboBox *m_mode = nullptr;
    QWidget *m_fixed = nullptr;
    QSpinBox *m_size = nullptr;
    QSpinBox *m_overlap = nullptr;
    QLabel *m_problemLabel = nullptr;
    QString m_problem;
};

} // namespace vd::ui
