#pragma once

#include "FollowupModel.h"
#include "common/LazyScreen.h"
#include "followups/SlaReport.h"

#include <QUrl>
#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTextBrowser;
class QTimer;

namespace nps::ui {

// The follow-up queue: views of the detractor queue with countdowns, a side
// pane to work one item (state, owner, notes, contact), the SLA report and the
// contact exports. Reads and writes go through FollowupQueue on pool threads.
//
// The owner name ("My queue", take, attribution of every change) is the
// QSettings key "followups/owner", falling back to $USER.
class FollowupsScreen : public LazyScreen
{
    Q_OBJECT

public:
    enum class View { MyQueue, AllOpen, DueSoon, Overdue, Closed, Passives, SlaReport };

    explicit FollowupsScreen(QWidget *parent = nullptr);

    void setContext(const ScreenContext &context) override;
    // "sla": the SLA report.
    QStringList partNames() const override { return {QStringLiteral("sla")}; }
    void showPart(const QString &name) override;

    void setView(View view);
    View view() const { return m_view; }
    QString ownerName() const { return m_owner; }
    void setOwnerName(const QString &name); // saved to QSettings

    // Seams so tests and screenshots never block on a dialog or a mail client.
    // Returns the chosen root cause (and a note), or nullopt when cancelled.
    using RootCausePicker =
        std::function<std::optional<std::pair<QString, QString>>(const QStringList &causes)>;
    void setRootCausePicker(RootCausePicker picker) { m_pickRootCause = std::move(picker); }
    void setUrlOpener(std::function<bool(const QUrl &)> opener) { m_openUrl = std::move(opener); }
    void setSaveFilePicker(std::function<QString(const QString &suggested)> picker)
    {
        m_pickSaveFile = std::move(picker);
    }

    FollowupModel *model() const { return m_model; }
    FollowupProxy *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    qint64 currentId() const { return m_currentId; }
    void selectItem(qint64 id);
    // Shows the item in the view that lists it (open, closed or passives) and
    // selects it: the Comments detail pane's link lands here.
    void showFollowup(qint64 id);

    // Actions on the current item (what the buttons do).
    void takeNext();
    void assignToMe();
    void markContacted();
    void closeCurrent(FollowupStatus status);
    void reopenCurrent();
    void addNote(const QString &text);
    void contactCurrent();
    void exportContacts(const QString &group);

signals:
    // Counts for the sidebar badge and the window title.
    void queueCountsChanged(int overdue, int dueSoon);
    // Items became overdue while the window was open (for a tray notification).
    void itemsBecameOverdue(int count);

private:
    void buildUi();
    void reload() override;
    void loadDetails();
    struct Details;
    void showDetails(const Details &details);
    void showReport(const SlaReport &report);
    void runChange(std::function<void(FollowupQueue &)> change, const QString &done);
    void updateButtons();
    void tick();

    View m_view = View::AllOpen;
    QString m_owner;
    qint64 m_currentId = 0;
    std::optional<FollowupItem> m_current;
    quint64 m_generation = 0;
    int m_lastOverdue = -1;
    QStringList m_rootCauses;

    RootCausePicker m_pickRootCause;
    std::function<bool(const QUrl &)> m_openUrl;
    std::function<QString(const QString &)> m_pickSaveFile;

    FollowupModel *m_model = nullptr;
    FollowupProxy *m_proxy = nullptr;
    QComboBox *m_viewBox = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_summary = nullptr;
    QStackedWidget *m_pages = nullptr;
    QTableView *m_table = nullptr;
    QTextBrowser *m_details = nullptr;
    QTextBrowser *m_report = nullptr;
    QLineEdit *m_note = nullptr;
    QPushButton *m_take = nullptr;
    QPushButton *m_assign = nullptr;
    QPushButton *m_contact = nullptr;
    QPushButton *m_contacted = nullptr;
    QPushButton *m_resolve = nullptr;
    QPushButton *m_wontFix = nullptr;
    QPushButton *m_unreachable = nullptr;
    QPushButton *m_reopen = nullptr;
    QPushButton *m_addNote = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace nps::ui
