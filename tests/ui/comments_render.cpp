// Renders the Comments screen (reader and theme drivers tabs) on a database to
// PNG files, for the docs until the window shell hands screens their context:
//   render_comments DEMO.npsdb docs/comments.png docs/themes.png [tags.png]
#include "clock/Clock.h"
#include "comments/CommentsScreen.h"

#include <QApplication>
#include <QListView>
#include <QTabWidget>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: render_comments FILE.npsdb COMMENTS.png THEMES.png\n");
        return 1;
    }
    nps::ui::CommentsScreen screen;
    screen.resize(1440, 900);
    screen.show();
    nps::ui::ScreenContext context;
    context.databasePath = QString::fromLocal8Bit(argv[1]);
    context.clock = &nps::systemClock();
    screen.setContext(context);
    nps::CommentFilter filter;
    filter.search = QStringLiteral("support OR onboard*");
    screen.setCommentFilter(filter);
    screen.waitUntilLoaded();
    screen.listView()->setCurrentIndex(screen.listView()->model()->index(1, 0));
    screen.waitUntilLoaded();
    if (!screen.grab().save(QString::fromLocal8Bit(argv[2]), "PNG"))
        return 2;
    screen.tabs()->setCurrentIndex(2);
    screen.waitUntilLoaded();
    if (!screen.grab().save(QString::fromLocal8Bit(argv[3]), "PNG"))
        return 2;
    if (argc > 4) { // optional: the tag manager, rules and suggestions tab
        screen.tabs()->setCurrentIndex(1);
        screen.waitUntilLoaded();
        if (!screen.grab().save(QString::fromLocal8Bit(argv[4]), "PNG"))
            return 2;
    }
    return 0;
}
