// Renders the Follow-ups screen's SLA report view of a database to a PNG for
// the documentation: render_followups DB.npsdb OUT.png (NPSDESK_NOW fixes now).
#include "clock/Clock.h"
#include "followups/FollowupsScreen.h"

#include <QApplication>
#include <QDateTime>
#include <QPixmap>

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc != 3)
        return 1;
    const QByteArray fixed = qgetenv("NPSDESK_NOW");
    nps::FixedClock clock(fixed.isEmpty() ? QDateTime::currentDateTimeUtc()
                                          : QDateTime::fromString(QString::fromUtf8(fixed), Qt::ISODate));
    nps::ui::FollowupsScreen screen;
    screen.resize(1260, 820);
    screen.setView(nps::ui::FollowupsScreen::View::SlaReport);
    screen.setContext(nps::ui::ScreenContext{QString::fromLocal8Bit(argv[1]), {}, &clock});
    screen.show();
    screen.waitUntilLoaded();
    return screen.grab().save(QString::fromLocal8Bit(argv[2])) ? 0 : 2;
}
