#include "GuiLauncher.h"

#include "clock/Clock.h"
#include "common/Error.h"
#include "demo/DemoGenerator.h"
#include "mainwindow/MainWindow.h"
#include "store/Database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QThreadPool>
#include <cstdio>

namespace nps::cli {

namespace {

void chooseOffscreenWithoutDisplay()
{
    if (!qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        return;
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

QString demoDatabasePath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    const QString path = QDir(folder).filePath(QStringLiteral("demo.npsdb"));
    if (!QFileInfo::exists(path)) {
        Database db;
        db.open(path);
        DemoGenerator(db, systemClock()).generate(DemoOptions{});
    }
    return path;
}

void fail(const QString &message)
{
    std::fprintf(stderr, "npsdesk: %s\n", message.toLocal8Bit().constData());
}

} // namespace

std::unique_ptr<QCoreApplication> createDrawingApplication(int &argc, char *argv[])
{
    chooseOffscreenWithoutDisplay();
    return std::make_unique<QApplication>(argc, argv);
}

int launchGui(int &argc, char *argv[])
{
    // Parse before QApplication exists so --screenshot can pick offscreen first.
    bool screenshot = false;
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--screenshot") == 0)
            screenshot = true;
    }
    if (screenshot)
        chooseOffscreenWithoutDisplay();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("npsdesk"));
    QApplication::setApplicationDisplayName(QStringLiteral("NPS Desk"));
    QApplication::setOrganizationName(QStringLiteral("NPS Desk"));
    QApplication::setApplicationVersion(QStringLiteral(NPSDESK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.npsdesk.NpsDesk"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("NPS Desk: Net Promoter Score programs on the desktop."));
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("db"), QStringLiteral("Open this .npsdb file."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("demo"), QStringLiteral("Open a generated demo database.")});
    parser.addOption(
        {QStringLiteral("view"),
         QStringLiteral("Screen to show: overview, segments, trends, comments, followups, imports; or a part "
                        "of one: tags, themes (Comments), sla (Follow-ups)."),
         QStringLiteral("NAME"), QStringLiteral("overview")});
    parser.addOption({QStringLiteral("screenshot"), QStringLiteral("Render the window to a PNG and exit."),
                      QStringLiteral("FILE.png")});
    parser.addOption({QStringLiteral("size"),
                      QStringLiteral("Window size for --screenshot (default 1440x900)."),
                      QStringLiteral("WxH"), QStringLiteral("1440x900")});
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A .npsdb file to open."),
                                 QStringLiteral("[FILE]"));
    if (!parser.parse(QApplication::arguments())) {
        fail(parser.errorText());
        return 1;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(parser.helpText().toLocal8Bit().constData(), stdout);
        return 0;
    }

    QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty() && !parser.positionalArguments().isEmpty())
        path = parser.positionalArguments().constFirst();
    try {
        if (parser.isSet(QStringLiteral("demo")))
            path = demoDatabasePath();
    } catch (const Error &error) {
        fail(error.message());
        return 2;
    }

    // NPSDESK_NOW fixes "now" for reproducible screenshots, as it does for commands.
    std::unique_ptr<FixedClock> fixedClock;
    const QDateTime fixedNow = QDateTime::fromString(qEnvironmentVariable("NPSDESK_NOW"), Qt::ISODate);
    if (fixedNow.isValid())
        fixedClock = std::make_unique<FixedClock>(fixedNow);
    ui::MainWindow window(nullptr, fixedClock.get());
    window.setPersistent(!screenshot);
    // Without --view the window comes back on the screen the user left it on.
    if ((parser.isSet(QStringLiteral("view")) || screenshot) &&
        !window.selectView(parser.value(QStringLiteral("view")))) {
        fail(QStringLiteral("unknown view '%1' (use %2)")
                 .arg(parser.value(QStringLiteral("view")), window.viewNames().join(QStringLiteral(", "))));
        return 1;
    }
    if (path.isEmpty() && !screenshot) {
        const QString last = QSettings().value(QStringLiteral("files/last")).toString();
        if (!last.isEmpty() && QFileInfo::exists(last))
            path = last;
    }
    if (!path.isEmpty() && !window.openDatabase(path) && screenshot) {
        fail(window.errorText());
        return 2;
    }

    // Screens query on the global thread pool; a query still running when the
    // application object goes would run on in an unloaded SQL driver.
    struct WaitForQueries
    {
        ~WaitForQueries() { QThreadPool::globalInstance()->waitForDone(); }
    } waitForQueries;

    if (screenshot) {
        const QStringList size = parser.value(QStringLiteral("size")).split(QLatin1Char('x'));
        bool okW = false, okH = false;
        const int width = size.value(0).toInt(&okW);
        const int height = size.value(1).toInt(&okH);
        if (size.size() != 2 || !okW || !okH || width < 200 || height < 150 || width > 8000 ||
            height > 8000) {
            fail(QStringLiteral("--size needs WIDTHxHEIGHT, for example 1440x900"));
            return 1;
        }
        const QString out = parser.value(QStringLiteral("screenshot"));
        if (!window.renderScreenshot(out, QSize(width, height))) {
            fail(QStringLiteral("%1: cannot write the screenshot").arg(out));
            return 2;
        }
        return 0;
    }
    window.show();
    return QApplication::exec();
}

} // namespace nps::cli
