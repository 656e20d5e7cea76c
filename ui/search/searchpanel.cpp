#include "ui/search/searchpanel.h"

#include "core/domain/filter.h"
#include "core/domain/searchrequest.h"
#include "core/engine/index/localindex.h"
#include "ui/data/servicerunner.h"
#include "ui/models/displayformat.h"
#include "ui/search/filtereditor.h"
#include "ui/search/searchdelegates.h"
#include "ui/search/searchresultmodel.h"
#include "ui/widgets/placeholdertableview.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

struct Neighbours
{
    QList<Chunk> chunks;
    int hitOrdinal = 0;
};

struct TimedResponse
{
    SearchResponse response;
    qint64 ms = 0;
};

} // namespace

SearchPanel::SearchPanel(ServiceRunner *runner, QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_results(new SearchResultModel(this))
{
    setObjectName(u"searchPanel"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter = splitter;
    splitter->setObjectName(u"searchSplitter"_s);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter);

    // The form: where, what, how many, how good, which attributes.
    auto *form = new QWidget(splitter);
    m_form = form;
    auto *formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 6, 0);
    m_tenantLabel = new QLabel(tr("Select a tenant in Stores and files."), form);
    m_tenantLabel->setObjectName(u"searchTenantLabel"_s);
    QFont bold = m_tenantLabel->font();
    bold.setBold(true);
    m_tenantLabel->setFont(bold);
    formLayout->addWidget(m_tenantLabel);
    m_modeLabel = new QLabel(tr("Local stores use keyword search (BM25): a result contains the words of the query, "
                                "ranked by how often and where they occur, not by meaning. OpenAI stores search by "
                                "meaning."),
                             form);
    m_modeLabel->setObjectName(u"searchModeLabel"_s);
    m_modeLabel->setWordWrap(true);
    m_modeLabel->setStyleSheet(u"color: palette(placeholder-text);"_s);
    formLayout->addWidget(m_modeLabel);

    auto *storesLabel = new QLabel(tr("&Stores to search"), form);
    formLayout->addWidget(storesLabel);
    m_stores = new QListWidget(form);
    m_stores->setObjectName(u"searchStores"_s);
    m_stores->setAccessibleName(tr("Stores to search"));
    m_stores->setMaximumHeight(110);
    storesLabel->setBuddy(m_stores);
    formLayout->addWidget(m_stores);

    auto *fields = new QFormLayout;
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_query = new QLineEdit(form);
    m_query->setObjectName(u"searchQuery"_s);
    m_query->setAccessibleName(tr("Search query"));
    m_query->setPlaceholderText(tr("What are you looking for?"));
    m_query->setClearButtonEnabled(true);
    m_query->addAction(QIcon(u":/icons/actions/search.svg"_s), QLineEdit::LeadingPosition);
    fields->addRow(tr("&Query"), m_query);
    m_maxResults = new QSpinBox(form);
    m_maxResults->setObjectName(u"searchMaxResults"_s);
    m_maxResults->setAccessibleName(tr("Maximum number of results"));
    m_maxResults->setRange(1, 50);
    m_maxResults->setValue(10);
    fields->addRow(tr("&Max results"), m_maxResults);
    auto *thresholdRow = new QHBoxLayout;
    m_threshold = new QSlider(Qt::Horizontal, form);
    m_threshold->setObjectName(u"searchThreshold"_s);
    m_threshold->setAccessibleName(tr("Score threshold"));
    m_threshold->setRange(0, 100);
    m_threshold->setPageStep(10);
    m_thresholdValue = new QLabel(form);
    m_thresholdValue->setMinimumWidth(m_thresholdValue->fontMetrics().horizontalAdvance(u"0.00"_s) + 4);
    thresholdRow->addWidget(m_threshold, 1);
    thresholdRow->addWidget(m_thresholdValue);
    auto *thresholdLabel = new QLabel(tr("Score &threshold"), form);
    thresholdLabel->setBuddy(m_threshold);
    fields->addRow(thresholdLabel, thresholdRow);
    formLayout->addLayout(fields);

    m_filterToggle = new QToolButton(form);
    m_filterToggle->setObjectName(u"searchFilterToggle"_s);
    m_filterToggle->setAccessibleName(tr("Show or hide the attribute filter"));
    m_filterToggle->setCheckable(true);
    m_filterToggle->setChecked(true);
    m_filterToggle->setAutoRaise(true);
    m_filterToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_filterToggle->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(m_filterToggle, &QToolButton::clicked, this, [this](bool checked) {
        m_filterChosen = true;
        setFilterExpanded(checked);
    });
    formLayout->addWidget(m_filterToggle);
    auto *filterBox = new QGroupBox(form);
    m_filterBox = filterBox;
    auto *filterLayout = new QVBoxLayout(filterBox);
    m_filter = new FilterEditor(filterBox);
    filterLayout->addWidget(m_filter);
    formLayout->addWidget(filterBox, 1);
    auto *foldedSpace = new QWidget(form); // keeps the status and Search at the bottom when folded
    foldedSpace->setObjectName(u"searchFoldedSpace"_s);
    foldedSpace->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    foldedSpace->hide();
    formLayout->addWidget(foldedSpace, 1);
    connect(m_filter, &FilterEditor::filterChanged, this, [this] { updateFilterToggle(); });
    updateFilterToggle();

    auto *buttons = new QHBoxLayout;
    m_status = new QLabel(form);
    m_status->setObjectName(u"searchStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buttons->addWidget(m_status, 1);
    m_searchButton = new QPushButton(QIcon(u":/icons/actions/search.svg"_s), tr("Search"), form);
    m_searchButton->setObjectName(u"searchButton"_s);
    m_searchButton->setAccessibleName(tr("Run the search"));
    m_searchButton->setDefault(true);
    buttons->addWidget(m_searchButton, 0, Qt::AlignTop);
    formLayout->addLayout(buttons);
    splitter->addWidget(form);

    // The results and the chunk viewer.
    auto *resultsSplitter = new QSplitter(Qt::Vertical, splitter);
    auto *resultsPane = new QWidget(resultsSplitter);
    auto *resultsLayout = new QVBoxLayout(resultsPane);
    resultsLayout->setContentsMargins(6, 0, 0, 0);
    auto *resultsHeader = new QHBoxLayout;
    auto *resultsTitle = new QLabel(tr("Results"), resultsPane);
    resultsTitle->setFont(bold);
    resultsHeader->addWidget(resultsTitle);
    resultsHeader->addStretch(1);
    m_copyButton = new QPushButton(tr("Copy as JSON"), resultsPane);
    m_copyButton->setObjectName(u"copyResultsButton"_s);
    m_copyButton->setAccessibleName(tr("Copy the visible results as JSON"));
    m_copyButton->setToolTip(tr("Copies the results shown, in OpenAI's response shape"));
    m_copyButton->setEnabled(false);
    resultsHeader->addWidget(m_copyButton);
    m_exportButton = new QPushButton(tr("E&xport…"), resultsPane);
    m_exportButton->setObjectName(u"exportResultsButton"_s);
    m_exportButton->setAccessibleName(tr("Export the visible results to a CSV or JSON file"));
    m_exportButton->setToolTip(tr("Saves the results shown as CSV or JSON (Ctrl+Shift+E)"));
    m_exportButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_exportButton->setEnabled(false);
    resultsHeader->addWidget(m_exportButton);
    resultsLayout->addLayout(resultsHeader);
    m_table = new PlaceholderTableView(resultsPane);
    m_table->setObjectName(u"searchResults"_s);
    m_table->setAccessibleName(tr("Search results"));
    m_table->setModel(m_results);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->setItemDelegateForColumn(SearchResultModel::ScoreColumn, new ScoreBarDelegate(m_table));
    m_table->setItemDelegateForColumn(SearchResultModel::TextColumn,
                                      new HighlightDelegate(SearchResultModel::MatchedTermsRole, m_table));
    QHeaderView *header = m_table->horizontalHeader();
    header->resizeSection(SearchResultModel::ScoreColumn, 110);
    header->resizeSection(SearchResultModel::FileColumn, 190);
    header->resizeSection(SearchResultModel::StoreColumn, 100);
    m_table->setColumnHidden(SearchResultModel::StoreColumn, true);
    header->resizeSection(SearchResultModel::TextColumn, 420);
    header->setStretchLastSection(true);
    resultsLayout->addWidget(m_table, 1);
    resultsSplitter->addWidget(resultsPane);

    m_chunkView = new QTextBrowser(resultsSplitter);
    m_chunkView->setObjectName(u"chunkView"_s);
    m_chunkView->setAccessibleName(tr("The selected result's chunk and its neighbours"));
    m_chunkView->setPlaceholderText(tr("Select a result to read its whole chunk with the chunks before and after it."));
    resultsSplitter->addWidget(m_chunkView);
    resultsSplitter->setSizes({380, 220});
    splitter->addWidget(resultsSplitter);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({380, 900});

    connect(m_searchButton, &QPushButton::clicked, this, [this] { search(); });
    connect(m_query, &QLineEdit::returnPressed, this, [this] { search(); });
    connect(m_query, &QLineEdit::textChanged, this, [this] { updateSearchEnabled(); });
    connect(m_stores, &QListWidget::itemChanged, this, [this] { updateSearchEnabled(); });
    connect(m_filter, &FilterEditor::filterChanged, this, [this] { updateSearchEnabled(); });
    connect(m_threshold, &QSlider::valueChanged, this, [this] { updateThresholdLabel(); });
    connect(m_copyButton, &QPushButton::clicked, this, [this] { copyResultsAsJson(); });
    connect(m_exportButton, &QPushButton::clicked, this, [this] { chooseExportFile(); });
    connect(m_results, &QAbstractItemModel::rowsRemoved, this, [this] { updatePlaceholder(); });
    connect(m_results, &QAbstractItemModel::rowsInserted, this, [this] { updatePlaceholder(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showResult(current); });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) { activateResult(index); });
    updateThresholdLabel();
    updateSearchEnabled();
    updatePlaceholder();
}

void SearchPanel::updatePlaceholder()
{
    QString text;
    if (m_tenantId == 0)
        text = tr("Select a tenant in Stores and files, then search its stores here.");
    else if (m_searching)
        text = tr("Searching…");
    else if (!m_searched)
        text = tr("Check the stores to search, type a query and press Enter.");
    else if (m_results->fetchedCount() == 0)
        text = tr("No results for “%1”.\nTry other words, a lower threshold or a looser filter.").arg(m_lastQuery);
    else
        text =
            tr("No result scores at or above %1.\nLower the score threshold to see the %2 fetched.")
                .arg(QLocale().toString(m_results->threshold(), 'f', 2), QLocale().toString(m_results->fetchedCount()));
    m_table->setPlaceholderText(text);
    m_table->viewport()->update();
}

void SearchPanel::activateResult(const QModelIndex &index)
{
    const SearchHit *hit = m_results->hitAt(index.row());
    if (!hit)
        return;
    Q_EMIT openFileRequested(m_tenantId, hit->storeId, hit->fileId, hit->chunkOrdinals.value(0, -1));
}

bool SearchPanel::isFilterExpanded() const
{
    return m_filterBox->isVisibleTo(m_form);
}

void SearchPanel::setFilterExpanded(bool expanded)
{
    m_filterBox->setVisible(expanded);
    if (auto *space = m_form->findChild<QWidget *>(u"searchFoldedSpace"_s))
        space->setVisible(!expanded);
    updateFilterToggle();
    // The form takes the width it needs: folded, the results get the rest.
    const QList<int> sizes = m_splitter->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    if (total <= 0)
        return;
    const int form =
        expanded ? qMax(380, m_form->sizeHint().width()) : qBound(280, m_form->minimumSizeHint().width(), 340);
    m_splitter->setSizes({form, qMax(0, total - form)});
}

void SearchPanel::updateFilterToggle()
{
    const bool expanded = m_filterBox->isVisibleTo(m_form);
    m_filterToggle->setChecked(expanded);
    m_filterToggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    const bool set = m_filter->filter().has_value();
    m_filterToggle->setText(expanded  ? tr("Attribute filter")
                                : set ? tr("Attribute filter: on (click to show it)")
                                      : tr("Attribute filter: none (click to add one)"));
    m_filterToggle->setToolTip(expanded ? tr("Hide the attribute filter, so the results get more room")
                                        : tr("Show the attribute filter"));
}

void SearchPanel::fitResultColumns()
{
    if (m_results->rowCount() == 0)
        return;
    using Column = SearchResultModel::Column;
    QHeaderView *header = m_table->horizontalHeader();
    const QAbstractItemView *view = m_table; // QTableView's sizeHintForColumn is protected
    auto wanted = [&](int column) {
        return qMax(view->sizeHintForColumn(column), header->sectionSizeHint(column));
    };
    const int width = m_table->viewport()->width();
    const int score = wanted(Column::ScoreColumn);
    const int store = m_table->isColumnHidden(Column::StoreColumn) ? 0 : qMin(wanted(Column::StoreColumn), 170);
    // The best chunk keeps at least 240 px on screen: the file name takes what it needs up to
    // that (and 360 px), eliding a long one on a narrow window (its tooltip has it whole).
    const int file = qBound(130, wanted(Column::FileColumn), qMax(130, qMin(width - score - store - 240, 360)));
    const int attributes = qMin(wanted(Column::AttributesColumn), 200);
    const int chunk = qBound(240, width - score - store - file - attributes, 640);
    header->resizeSection(Column::ScoreColumn, score);
    header->resizeSection(Column::FileColumn, file);
    if (store > 0)
        header->resizeSection(Column::StoreColumn, store);
    header->resizeSection(Column::TextColumn, chunk);
}

void SearchPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (!m_fitQueued) {
        // Once the layouts have given the results their new width.
        m_fitQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_fitQueued = false;
            fitResultColumns();
        });
    }
    if (m_filterChosen)
        return;
    // Narrow windows fold the filter away until the user opens it.
    const bool wide = width() >= 1200;
    if (wide != isFilterExpanded())
        setFilterExpanded(wide);
}

void SearchPanel::focusQuery()
{
    m_query->setFocus(Qt::ShortcutFocusReason);
    m_query->selectAll();
}

void SearchPanel::setTenant(qint64 tenantId, const QString &slug, qint64 currentStoreId)
{
    m_wantedStore = currentStoreId;
    if (tenantId == m_tenantId) {
        // Same tenant: check the current store if nothing is checked yet.
        if (checkedStoreIds().isEmpty())
            for (int i = 0; i < m_stores->count(); ++i)
                if (m_stores->item(i)->data(Qt::UserRole).toLongLong() == currentStoreId)
                    m_stores->item(i)->setCheckState(Qt::Checked);
        return;
    }
    m_tenantId = tenantId;
    m_tenantSlug = slug;
    m_results->clear();
    m_searched = false;
    m_chunkView->clear();
    m_copyButton->setEnabled(false);
    m_exportButton->setEnabled(false);
    setStatus({});
    updatePlaceholder();
    m_tenantLabel->setText(tenantId ? tr("Search in %1").arg(slug) : tr("Select a tenant in Stores and files."));
    reloadStores();
}

void SearchPanel::reloadStores()
{
    // F5 keeps the ticked stores that still exist (the results shown came from them).
    QSet<qint64> checked;
    for (int i = 0; i < m_stores->count(); ++i)
        if (m_stores->item(i)->checkState() == Qt::Checked)
            checked.insert(m_stores->item(i)->data(Qt::UserRole).toLongLong());
    m_stores->clear();
    m_storeNames.clear();
    m_storeBackends.clear();
    updateSearchEnabled();
    if (m_tenantId == 0)
        return;
    const qint64 tenantId = m_tenantId;
    m_runner->run(
        this, [tenantId](VectorStoreService &service) { return service.listStores(QString::number(tenantId)); },
        [this, tenantId, checked](Result<QList<VectorStore>> stores) {
            if (tenantId != m_tenantId)
                return;
            if (!stores) {
                setStatus(stores.error().message(), true);
                return;
            }
            const QSignalBlocker blocker(m_stores);
            for (const VectorStore &store : stores.value()) {
                auto *item =
                    new QListWidgetItem(QIcon(u":/icons/actions/store.svg"_s),
                                        store.backend == BackendKind::Local
                                            ? store.name
                                            : tr("%1 (%2)").arg(store.name, format::backendText(store.backend)),
                                        m_stores);
                item->setData(Qt::UserRole, store.id);
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
                const bool wanted = checked.isEmpty() ? store.id == m_wantedStore : checked.contains(store.id);
                item->setCheckState(wanted ? Qt::Checked : Qt::Unchecked);
                m_storeNames.insert(store.id, store.name);
                m_storeBackends.insert(store.id, store.backend);
            }
            updateSearchEnabled();
        });
}

QStringList SearchPanel::checkedStoreIds() const
{
    QStringList ids;
    for (int i = 0; i < m_stores->count(); ++i)
        if (m_stores->item(i)->checkState() == Qt::Checked)
            ids << QString::number(m_stores->item(i)->data(Qt::UserRole).toLongLong());
    return ids;
}

void SearchPanel::updateSearchEnabled()
{
    QString why;
    if (m_tenantId == 0)
        why = tr("Select a tenant first.");
    else if (checkedStoreIds().isEmpty())
        why = tr("Check at least one store to search.");
    else if (m_query->text().trimmed().isEmpty())
        why = tr("Type a query.");
    else if (!m_filter->isValid())
        why = tr("Fix the filter first.");
    m_searchButton->setEnabled(why.isEmpty() && !m_searching);
    m_searchButton->setToolTip(why.isEmpty() ? tr("Search the checked stores (Enter)") : why);
}

void SearchPanel::updateThresholdLabel()
{
    const double threshold = m_threshold->value() / 100.0;
    m_thresholdValue->setText(QLocale().toString(threshold, 'f', 2));
    m_results->setThreshold(threshold);
    if (m_results->fetchedCount() > 0) {
        const QLocale locale;
        QString text = tr("%1 of %2 results at or above %3")
                           .arg(locale.toString(m_results->rowCount()), locale.toString(m_results->fetchedCount()),
                                locale.toString(threshold, 'f', 2));
        if (threshold < m_fetchedThreshold)
            text += u". "_s
                + tr("The search used %1; search again to see lower scores.")
                      .arg(locale.toString(m_fetchedThreshold, 'f', 2));
        setStatus(text);
    }
    updatePlaceholder();
}

void SearchPanel::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? u"color: #b02a37;"_s : QString());
}

QString SearchPanel::statusText() const
{
    return m_status->text();
}

void SearchPanel::search()
{
    if (m_tenantId == 0 || m_searching)
        return;
    const QStringList stores = checkedStoreIds();
    const QString query = m_query->text().trimmed();
    if (stores.isEmpty() || query.isEmpty())
        return;
    SearchRequest request;
    request.queries = {query};
    request.maxNumResults = m_maxResults->value();
    request.scoreThreshold = m_threshold->value() / 100.0;
    QString filterError;
    const auto filterJson = m_filter->filter(&filterError);
    if (!filterError.isEmpty()) {
        setStatus(tr("The filter is not valid: %1").arg(filterError), true);
        return;
    }
    if (filterJson) {
        auto parsed = Filter::fromJson(*filterJson);
        if (!parsed) {
            setStatus(parsed.error().message(), true);
            return;
        }
        request.filters = parsed.value();
    }
    m_searching = true;
    m_lastQuery = query;
    updateSearchEnabled();
    setStatus(tr("Searching…"));
    updatePlaceholder();
    const quint64 generation = ++m_generation;
    const QString tenantRef = QString::number(m_tenantId);
    m_fetchedThreshold = request.scoreThreshold;
    m_runner->run(
        this,
        [tenantRef, stores, request](VectorStoreService &service) -> Result<TimedResponse> {
            QElapsedTimer timer;
            timer.start();
            auto response = service.search(tenantRef, stores, request);
            if (!response)
                return response.error();
            return TimedResponse{response.value(), timer.elapsed()};
        },
        [this, generation, request, storeCount = stores.size()](Result<TimedResponse> timed) {
            if (generation != m_generation)
                return;
            m_searching = false;
            m_searched = true;
            updateSearchEnabled();
            m_chunkView->clear();
            if (!timed) {
                m_results->clear();
                m_copyButton->setEnabled(false);
                m_exportButton->setEnabled(false);
                setStatus(timed.error().message(), true);
                m_table->setPlaceholderText(tr("The search failed; the message is below the form."));
                Q_EMIT searchFinished(tr("Search failed: %1").arg(timed.error().message()));
                return;
            }
            m_lastSearchMs = timed->ms;
            m_results->setThreshold(request.scoreThreshold);
            m_results->setResponse(timed->response, m_storeNames);
            m_table->setColumnHidden(SearchResultModel::StoreColumn, storeCount < 2);
            updatePlaceholder();
            m_copyButton->setEnabled(m_results->rowCount() > 0);
            m_exportButton->setEnabled(m_results->rowCount() > 0);
            fitResultColumns();
            const int count = m_results->rowCount();
            const QString where = tr("%Ln store(s)", nullptr, int(storeCount));
            const QString took = QLocale().toString(m_lastSearchMs);
            const QString message = count == 0
                ? tr("No results for “%1” in %2 (%3 ms).").arg(request.queries.first(), where, took)
                : tr("%Ln result(s) for “%1” in %2 (%3 ms).", nullptr, count).arg(request.queries.first(), where, took);
            setStatus(message);
            if (count > 0)
                m_table->selectRow(0);
            Q_EMIT searchFinished(message);
        });
}

void SearchPanel::showResult(const QModelIndex &index)
{
    const SearchHit *hit = m_results->hitAt(index.row());
    if (!hit) {
        m_chunkView->clear();
        return;
    }
    const SearchHit copy = *hit;
    const QString title =
        tr("<h3 style=\"margin:0\">%1</h3><p style=\"color:#666\">Score %2 · store %3 · file id %4</p>")
            .arg(copy.filename.toHtmlEscaped())
            .arg(QLocale().toString(copy.score, 'f', 3))
            .arg(m_results->storeName(copy.storeId).toHtmlEscaped())
            .arg(copy.fileId);
    QString html = title;
    for (const QString &chunk : copy.content)
        html += u"<p style=\"white-space:pre-wrap\">"_s + highlightedHtml(chunk, copy.matchedTerms) + u"</p><hr/>"_s;
    if (m_storeBackends.value(copy.storeId) == BackendKind::OpenAI)
        html += tr("<p style=\"color:#666\">OpenAI returns the matching text only; the chunks around it are not "
                   "available for OpenAI stores.</p>");
    m_chunkView->setHtml(html);
    if (copy.chunkOrdinals.isEmpty())
        return;
    // The chunks around the best one, from the local engine's index (a worker reads it).
    const qint64 tenantId = m_tenantId;
    const int ordinal = copy.chunkOrdinals.first();
    const quint64 generation = m_generation;
    m_runner->run(
        this,
        [tenantId, copy, ordinal](VectorStoreService &service) -> Result<Neighbours> {
            auto store = service.store(QString::number(tenantId), QString::number(copy.storeId));
            if (!store)
                return store.error();
            Neighbours n;
            n.hitOrdinal = ordinal;
            if (store->backend != BackendKind::Local)
                return n; // OpenAI returns only the matching text: the view says so
            auto chunks = service.fileChunks(QString::number(tenantId), QString::number(copy.storeId),
                                             QString::number(copy.fileId), qMax(0, ordinal - 1), ordinal == 0 ? 2 : 3);
            if (!chunks)
                return chunks.error();
            n.chunks = chunks.value();
            return n;
        },
        [this, generation, copy, title](Result<Neighbours> n) {
            const SearchHit *current = m_results->hitAt(m_table->currentIndex().row());
            if (generation != m_generation || !current || current->fileId != copy.fileId)
                return;
            if (!n || n->chunks.isEmpty()) {
                if (!n)
                    m_chunkView->append(tr("<p style=\"color:#b02a37\">Neighbouring chunks could not be read: %1</p>")
                                            .arg(n.error().message().toHtmlEscaped()));
                Q_EMIT chunkShown();
                return;
            }
            QString page = title;
            const Chunk *hitChunk = nullptr;
            for (const Chunk &chunk : std::as_const(n->chunks))
                if (chunk.ordinal == n->hitOrdinal)
                    hitChunk = &chunk;
            for (const Chunk &chunk : std::as_const(n->chunks)) {
                const bool isHit = chunk.ordinal == n->hitOrdinal;
                // Chunks overlap: a neighbour shows only what the match does not, so the shared
                // text reads once (the offsets are bytes of the extracted text, on UTF-8 boundaries).
                QByteArray bytes = chunk.text;
                if (!isHit && hitChunk) {
                    if (chunk.ordinal < n->hitOrdinal)
                        bytes = bytes.left(qBound<qint64>(0, hitChunk->startOffset - chunk.startOffset, bytes.size()));
                    else
                        bytes = bytes.mid(qBound<qint64>(0, hitChunk->endOffset - chunk.startOffset, bytes.size()));
                }
                if (!isHit && bytes.trimmed().isEmpty())
                    continue;
                QString text = QString::fromUtf8(bytes);
                // Neighbours give context: the end of the one before, the start of the one after,
                // cut at a word boundary.
                constexpr int kContext = 360;
                if (!isHit && text.size() > kContext)
                    text = chunk.ordinal < n->hitOrdinal ? SearchResultModel::fromWordStart(text.right(kContext))
                                                         : text.left(kContext) + u"…"_s;
                page += u"<p style=\"color:#666; margin-bottom:2px\">"_s
                    + (isHit ? tr("Chunk %1 (the match) · %2 tokens") : tr("Chunk %1 · %2 tokens"))
                          .arg(chunk.ordinal)
                          .arg(chunk.tokenCount)
                    + u"</p>"_s;
                page += isHit
                    ? u"<div style=\"background:#f3f7fd; padding:6px; white-space:pre-wrap\">"_s
                        + highlightedHtml(text, copy.matchedTerms) + u"</div>"_s
                    : u"<div style=\"color:#555; white-space:pre-wrap\">"_s + text.toHtmlEscaped() + u"</div>"_s;
            }
            m_chunkView->setHtml(page);
            m_chunkView->scrollToAnchor(u"match"_s);
            Q_EMIT chunkShown();
        });
}

void SearchPanel::copyResultsAsJson()
{
    const QJsonObject json = m_results->visibleJson();
    QApplication::clipboard()->setText(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
    const QString message = tr("Copied %Ln result(s) as JSON", nullptr, m_results->rowCount());
    setStatus(message);
    Q_EMIT searchFinished(message);
}

void SearchPanel::chooseExportFile()
{
    auto *dialog = new QFileDialog(this, tr("Export the results"));
    dialog->setObjectName(u"exportResultsDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("CSV (*.csv)"), tr("JSON (*.json)")});
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->selectFile(u"search-results.csv"_s);
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString &filter) {
        dialog->setDefaultSuffix(filter.contains(u"json"_s) ? u"json"_s : u"csv"_s);
    });
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { exportResults(path); });
    dialog->open();
}

void SearchPanel::exportResults(const QString &path)
{
    const bool json = path.endsWith(u".json"_s, Qt::CaseInsensitive);
    const QByteArray bytes =
        json ? QJsonDocument(m_results->visibleJson()).toJson(QJsonDocument::Indented) : m_results->visibleCsv();
    const int rows = m_results->rowCount();
    // The disk is written on a worker thread.
    m_runner->run(
        this,
        [path, bytes](VectorStoreService &) -> Result<bool> {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
                return ServiceError::unavailable(
                    u"Could not write %1: %2. Choose another folder."_s.arg(path, file.errorString()));
            return true;
        },
        [this, path, rows](Result<bool> written) {
            const QString message = written ? tr("Exported %1 to %2").arg(tr("%Ln result(s)", nullptr, int(rows)), path)
                                            : written.error().message();
            setStatus(message, !written);
            Q_EMIT exported(message);
        });
}

} // namespace vd::ui
