#include "ui/widgets/chunkingeditor.h"

#include "core/domain/validation.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

ChunkingEditor::ChunkingEditor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"chunkingEditor"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    m_mode = new QComboBox(this);
    m_mode->setObjectName(u"chunkingMode"_s);
    m_mode->setAccessibleName(tr("Chunking"));
    m_mode->addItem(tr("Automatic (800-token chunks, 400 overlap)"), int(AutoMode));
    m_mode->addItem(tr("Fixed size"), int(FixedMode));
    row->addWidget(m_mode);

    m_fixed = new QWidget(this);
    auto *fixed = new QHBoxLayout(m_fixed);
    fixed->setContentsMargins(0, 0, 0, 0);
    m_size = new QSpinBox(m_fixed);
    m_size->setObjectName(u"chunkSize"_s);
    m_size->setAccessibleName(tr("Tokens per chunk"));
    m_size->setRange(limits::kMinChunkTokens, limits::kMaxChunkTokens);
    m_size->setSingleStep(50);
    m_size->setValue(800);
    m_size->setSuffix(tr(" tokens"));
    m_size->setToolTip(tr("Tokens per chunk: %1 to %2.").arg(limits::kMinChunkTokens).arg(limits::kMaxChunkTokens));
    m_overlap = new QSpinBox(m_fixed);
    m_overlap->setObjectName(u"chunkOverlap"_s);
    m_overlap->setAccessibleName(tr("Overlap between chunks in tokens"));
    m_overlap->setRange(0, limits::kMaxChunkTokens / 2);
    m_overlap->setSingleStep(50);
    m_overlap->setValue(400);
    m_overlap->setSuffix(tr(" tokens"));
    m_overlap->setToolTip(tr("Tokens each chunk repeats from the one before: at most half the chunk size."));
    fixed->addWidget(new QLabel(tr("chunks of"), m_fixed));
    fixed->addWidget(m_size);
    fixed->addWidget(new QLabel(tr("overlap"), m_fixed));
    fixed->addWidget(m_overlap);
    fixed->addStretch(1);
    row->addStretch(1);
    layout->addLayout(row);
    // The sizes go on a line of their own: beside the mode they widened a dialog by 190 px the
    // moment Fixed size was picked.
    layout->addWidget(m_fixed);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(u"chunkingProblem"_s);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(u"color: #b02a37;"_s);
    m_problemLabel->hide();
    layout->addWidget(m_problemLabel);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] { update(); });
    connect(m_size, &QSpinBox::valueChanged, this, [this] { update(); });
    connect(m_overlap, &QSpinBox::valueChanged, this, [this] { update(); });
    update();
}

void ChunkingEditor::offerStoreChunking(const ChunkingStrategy &storeChunking)
{
    const QSignalBlocker blocker(m_mode);
    const int existing = m_mode->findData(int(StoreMode));
    if (existing >= 0)
        m_mode->removeItem(existing);
    m_mode->insertItem(0, tr("The store's: %1").arg(describe(storeChunking)), int(StoreMode));
    m_mode->setCurrentIndex(0);
    if (storeChunking.type == u"static"_s) {
        m_size->setValue(storeChunking.maxChunkSizeTokens);
        m_overlap->setValue(storeChunking.chunkOverlapTokens);
    }
    update();
}

void ChunkingEditor::setChunking(const ChunkingStrategy &chunking)
{
    const QSignalBlocker blocker(m_mode);
    const bool fixed = chunking.type == u"static"_s;
    m_mode->setCurrentIndex(m_mode->findData(int(fixed ? FixedMode : AutoMode)));
    if (fixed) {
        m_size->setValue(chunking.maxChunkSizeTokens);
        m_overlap->setValue(chunking.chunkOverlapTokens);
    }
    update();
}

ChunkingEditor::Mode ChunkingEditor::mode() const
{
    return Mode(m_mode->currentData().toInt());
}

std::optional<ChunkingStrategy> ChunkingEditor::chunking() const
{
    switch (mode()) {
    case StoreMode:
        return std::nullopt;
    case AutoMode:
        return ChunkingStrategy{};
    case FixedMode:
        break;
    }
    ChunkingStrategy fixed;
    fixed.type = u"static"_s;
    fixed.maxChunkSizeTokens = m_size->value();
    fixed.chunkOverlapTokens = m_overlap->value();
    return fixed;
}

QString ChunkingEditor::describe(const ChunkingStrategy &chunking)
{
    if (chunking.type == u"static"_s)
        return tr("fixed, %1-token chunks, %2 overlap")
            .arg(chunking.maxChunkSizeTokens)
            .arg(chunking.chunkOverlapTokens);
    return tr("automatic");
}

void ChunkingEditor::update()
{
    m_fixed->setVisible(mode() == FixedMode);
    QString problem;
    if (mode() == FixedMode) {
        const int maxOverlap = m_size->value() / 2;
        if (m_overlap->value() > maxOverlap)
            problem = tr("An overlap of %1 tokens is too large for %2-token chunks; use 0 to %3.")
                          .arg(m_overlap->value())
                          .arg(m_size->value())
                          .arg(maxOverlap);
        else if (auto p = validateChunking(*chunking()))
            problem = p->message(); // the service's own rule, should the two ever differ
    }
    m_problem = problem;
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
    Q_EMIT changed();
}

} // namespace vd::ui
