#pragma once

#include "comments/TagService.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace nps::ui {

// A rule: keyword, phrase or regular expression mapped to a tag. Preview shows
// how many comments it would tag and a few of them; Apply saves the rule and
// tags them, both in the background.
class RuleDialog : public QDialog
{
    Q_OBJECT

public:
    RuleDialog(const QString &databasePath, const QVector<Tag> &tags, QWidget *parent = nullptr);
    void setPattern(const QString &pattern, RuleKind kind);
    void setTag(const QString &name);

signals:
    // The rule was saved and applied: it tagged `ids` with `tagId`.
    void applied(qint64 tagId, const QVector<qint64> &ids);

private:
    void preview();
    void apply();
    qint64 tagId() const;
    RuleKind kind() const;

    QString m_path;
    QComboBox *m_tag = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_pattern = nullptr;
    QLabel *m_result = nullptr;
    QListWidget *m_samples = nullptr;
    QPushButton *m_apply = nullptr;
};

} // namespace nps::ui
