#pragma once

#include <QString>
#include <stdexcept>

namespace nps {

// The one exception type core throws across its API. Callers at the edges (the
// command line, the window) catch it and show message(); `kind` decides the exit
// code and how the window presents it.
class Error : public std::runtime_error
{
public:
    enum class Kind {
        Usage,    // the caller asked for something malformed (exit code 1)
        BadInput, // a file or value we cannot accept (exit code 2)
        Storage,  // the database refused or failed (exit code 2)
        Cancelled // the user cancelled a long operation
    };

    Error(Kind kind, const QString &message);

    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }

    // Exit code contract of the command line: 1 usage, 2 bad input or data.
    int exitCode() const { return m_kind == Kind::Usage ? 1 : 2; }

    static Error usage(const QString &message) { return Error(Kind::Usage, message); }
    static Error badInput(const QString &message) { return Error(Kind::BadInput, message); }
    static Error storage(const QString &message) { return Error(Kind::Storage, message); }
    static Error cancelled() { return Error(Kind::Cancelled, QStringLiteral("Cancelled")); }

private:
    Kind m_kind;
    QString m_message;
};

// "file:line:column: message", the shape editors and terminals link to.
QString locatedMessage(const QString &file, qint64 line, int column, const QString &message);

} // namespace nps
