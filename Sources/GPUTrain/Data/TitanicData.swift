/// The Kaggle Titanic data, compiled into the library so the demo and the tests need no files.
///
/// The text is `Sources/GPUTrain/Data/Titanic/train.csv` and `test.csv`, embedded byte for byte (ASCII, CRLF
/// line endings) at build time; that folder's README says where the files come from.
public enum TitanicData {
    /// `train.csv`: 891 passengers with `Survived`.
    public static let trainCSV = file("train.csv")
    /// `test.csv`: 418 passengers without `Survived`, for Kaggle submissions.
    public static let testCSV = file("test.csv")

    /// Column names of `train.csv`; `test.csv` has the same without `Survived`.
    public static let trainColumns = ["PassengerId", "Survived", "Pclass", "Name", "Sex", "Age", "SibSp", "Parch",
                                      "Ticket", "Fare", "Cabin", "Embarked"]

    private static func file(_ name: String) -> String {
        guard let text = EmbeddedCSV.files["Data/Titanic/\(name)"] else {
            preconditionFailure("Data/Titanic/\(name) was not embedded: check EmbedFilesPlugin")
        }
        return text
    }
}
