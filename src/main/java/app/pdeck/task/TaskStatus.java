package app.pdeck.task;

public enum TaskStatus {
    TODO,
    IN_PROGRESS,
    DONE
}
