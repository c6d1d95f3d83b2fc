package app.pdeck.migration;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.Dependent;
import java.util.List;

/**
 * Gives every task a {@code tags} array ({@code []} where it had none or null), as the seed's add-task-tags did.
 *
 * <p>{@code down} removes {@code tags} only where it is an empty array, so tags a user set survive. It cannot tell a
 * {@code []} this migration added from one the application wrote, so down→up restores exactly the state after up
 * (every task has {@code tags}), while up→down also strips {@code []} that existed before. The application treats a
 * missing {@code tags} as empty, so nothing observable is lost.
 */
@Dependent
public class V002AddTaskTags implements Migration {

    @Override
    public String version() {
        return "002";
    }

    @Override
    public String description() {
        return "add tags: [] to every task that has no tags";
    }

    @Override
    public void up(MongoDatabase database) {
        database.getCollection("tasks").updateMany(Filters.eq("tags", null), Updates.set("tags", List.of()));
    }

    @Override
    public void down(MongoDatabase database) {
        database.getCollection("tasks").updateMany(Filters.size("tags", 0), Updates.unset("tags"));
    }
}
