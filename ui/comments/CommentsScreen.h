#pragma once

#include "TagCommands.h"
#include "comments/CommentQuery.h"
#include "comments/Suggestions.h"
#include "comments/TagService.h"
#include "comments/ThemeDrivers.h"
#include "common/LazyScreen.h"

#include <memory>

class QCheckBox;
class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QStringListModel;
class QTabWidget;
class QTableWidget;
class QTextBrowser;
class QUndoStack;
class QChart;
class QChartView;

namespace nps {
class Database;
}

namespace nps::ui {

class CommentListModel;
class CommentDelegate;
class CommentsDialogs;

// The open-text reader: a lazily loaded list of comment cards with filters and
// search, a detail pane, keyboard tagging (1-9 toggle the pinned tags on the
// selection, T opens the quick tag box, S stars) with undo/redo; a tag
// manager with rules and suggestions; and the theme drivers table and chart.
class CommentsScreen : public LazyScreen, private TagEditor
{
    Q_OBJECT

public:
    explicit CommentsScreen(QWidget *parent = nullptr);
    ~CommentsScreen() override;

    void setContext(const ScreenContext &context) override;
    void waitUntilLoaded() override;
    // "tags": the tag manager, rules and suggestions; "themes": the theme drivers.
    QStringList partNames() const override;
    void showPart(const QString &name) override;

    // The comment-specific filter (the shared part comes from the window).
    CommentFilter commentFilter() const { return m_filter; }
    void setCommentFilter(const CommentFilter &filter);

    void setDialogs(CommentsDialogs *dialogs); // not owned; nullptr restores the default
    QListView *listView() const { return m_list; }
    CommentListModel *model() const { return m_model; }
    QUndoStack *undoStack() const override { return m_undo; }
    void leaveUndoShortcutsToWindow() override;
    QTableWidget *themesTable() const { return m_themes; }
    QTabWidget *tabs() const { return m_tabs; }

    QVector<qint64> selectedIds() const;
    // Keyboard actions, also reachable from the menu-less screen's shortcuts.
    void togglePinned(int slot);
    void toggleStar();
    bool quickTag(const QString &name);

signals:
    void openFollowupRequested(qint64 followupId);

private:
    // TagEditor
    TagService &tagService() override;
    void tagsChanged(const QVector<qint64> &ids, const TagRef &tag, bool present) override;
    void starsChanged(const QVector<qint64> &ids, bool starred) override;
    void tagRenamed(qint64 tagId, const QString &oldName, const QString &newName) override;
    void tagsRestructured() override;
    void tagEdited(qint64 tagId) override;
    void commandFailed(const QString &message) override;
    // Whether every one of `ids` carries the tag / is starred: from the rows
    // the model holds, and from the database for the others.
    bool allCarry(const QVector<qint64> &ids, qint64 tagId) const;
    bool allStarred(const QVector<qint64> &ids) const;

    void buildUi();
    QWidget *buildReader();
    QWidget *buildTagManager();
    QWidget *buildThemes();
    bool eventFilter(QObject *watched, QEvent *event) override;

    void reload() override;
    void reloadTags();
    void reloadThemes();
    void reloadSuggestions();
    void showTags(const QVector<Tag> &tags, const QVector<TagRule> &rules);
    void showThemes(const ThemeDriversResult &result);
    void showDetail(qint64 id);
    void filterControlsChanged();
    void syncControls();
    void push(QUndoCommand *command);
    void saveState();
    void restoreState();
    std::optional<Tag> selectedManagerTag() const;

    void newTag();
    void renameTag();
    void recolorTag();
    void reparentTag();
    void pinTag();
    void mergeTag();
    void deleteTag();
    void openRuleDialog(const QString &pattern, RuleKind kind, const QString &tag = {});
    void rerunRules();
    void deleteRule();
    void exportComments();
    bool run(const std::function<void()> &action);

    CommentFilter m_filter;
    std::unique_ptr<Database> m_db; // GUI-thread connection for small tagging writes
    std::unique_ptr<TagService> m_tagService;
    std::unique_ptr<CommentsDialogs> m_defaultDialogs;
    CommentsDialogs *m_dialogs = nullptr;
    QVector<Tag> m_tagList;
    QVector<TagRule> m_rules;
    ThemeDriversResult m_themeResult;
    qint64 m_restoreId = 0; // the comment to show once its page is in
    qint64 m_detailId = 0;  // what the detail pane shows

    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_group = nullptr;
    QComboBox *m_score = nullptr;
    QComboBox *m_tagFilter = nullptr;
    QCheckBox *m_untagged = nullptr;
    QCheckBox *m_starred = nullptr;
    QCheckBox *m_hasComment = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_pinnedBar = nullptr;
    QLineEdit *m_quickTag = nullptr;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_tagNames = nullptr;
    QListView *m_list = nullptr;
    CommentListModel *m_model = nullptr;
    CommentDelegate *m_delegate = nullptr;
    QTextBrowser *m_detail = nullptr;
    QUndoStack *m_undo = nullptr;
    QAction *m_undoAction = nullptr; // the screen's own shortcuts, when it is not in the window
    QAction *m_redoAction = nullptr;
    QTableWidget *m_tagTable = nullptr;
    QTableWidget *m_ruleTable = nullptr;
    QListWidget *m_detractorWords = nullptr;
    QListWidget *m_promoterWords = nullptr;
    QLabel *m_suggestionNote = nullptr;
    QTableWidget *m_themes = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_chartView = nullptr;
    QLabel *m_themeSummary = nullptr;
};

} // namespace nps::ui
