package app.pdeck.project;

import jakarta.data.repository.CrudRepository;
import jakarta.data.repository.OrderBy;
import jakarta.data.repository.Repository;
import java.util.List;
import java.util.Optional;

@Repository
public interface ProjectRepository extends CrudRepository<Project, String> {

    Optional<Project> findByIdAndUserId(String id, String userId);

    @OrderBy("name")
    @OrderBy("id")
    List<Project> findByUserId(String userId);
}
