#pragma once

#include <QString>
#include <QStringList>
#include <optional>

class QWidget;

namespace nps::ui {

// The questions the Comments screen asks the user, behind one seam so GUI
// tests answer them without a modal dialog.
class CommentsDialogs
{
public:
    virtual ~CommentsDialogs() = default;
    virtual bool confirm(QWidget *parent, const QString &title, const QString &text);
    virtual std::optional<QString> text(QWidget *parent, const QString &title, const QString &label,
                                        const QString &initial = {});
    virtual std::optional<QString> choose(QWidget *parent, const QString &title, const QString &label,
                                          const QStringList &items);
    virtual std::optional<QString> color(QWidget *parent, const QString &initial);
};

} // namespace nps::ui
