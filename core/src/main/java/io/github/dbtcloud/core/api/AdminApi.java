package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.Headers;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * The Admin API routes the plugin uses: v3 for projects, environments and environment variables, v2
 * for jobs (v3 has none). Paths are relative and keep their trailing slash (§E.4). Bodies and
 * answers stay JSON trees; {@link AdminClient} turns them into the public records. A POST is a
 * create, sent once, unless it carries {@link Idempotency#RETRYABLE} (a full-object update).
 */
interface AdminApi {

  @GET("api/v2/accounts/{account_id}/")
  Call<JsonNode> getAccount(@Path("account_id") long accountId);

  @GET("api/v3/accounts/{account_id}/projects/{project_id}/")
  Call<JsonNode> getProject(@Path("account_id") long accountId, @Path("project_id") long projectId);

  @GET("api/v3/accounts/{account_id}/projects/")
  Call<JsonNode> listProjects(
      @Path("account_id") long accountId, @Query("limit") int limit, @Query("offset") int offset);

  @GET("api/v3/accounts/{account_id}/projects/{project_id}/environments/")
  Call<JsonNode> listEnvironments(
      @Path("account_id") long accountId,
      @Path("project_id") long projectId,
      @Query("order_by") String orderBy,
      @Query("limit") int limit,
      @Query("offset") int offset);

  @GET("api/v3/accounts/{account_id}/projects/{project_id}/environments/{id}/")
  Call<JsonNode> getEnvironment(
      @Path("account_id") long accountId, @Path("project_id") long projectId, @Path("id") long id);

  @POST("api/v3/accounts/{account_id}/projects/{project_id}/environments/")
  Call<JsonNode> createEnvironment(
      @Path("account_id") long accountId,
      @Path("project_id") long projectId,
      @Body Map<String, Object> body);

  @POST("api/v3/accounts/{account_id}/projects/{project_id}/environments/{id}/")
  @Headers(Idempotency.RETRYABLE)
  Call<JsonNode> updateEnvironment(
      @Path("account_id") long accountId,
      @Path("project_id") long projectId,
      @Path("id") long id,
      @Body Map<String, Object> body);

  @GET("api/v2/accounts/{account_id}/jobs/")
  Call<JsonNode> listJobs(
      @Path("account_id") long accountId,
      @Query("project_id") long projectId,
      @Query("order_by") String orderBy,
      @Query("limit") int limit,
      @Query("offset") int offset);

  @GET("api/v2/accounts/{account_id}/jobs/{id}/")
  Call<JsonNode> getJob(@Path("account_id") long accountId, @Path("id") long id);

  @POST("api/v2/accounts/{account_id}/jobs/")
  Call<JsonNode> createJob(@Path("account_id") long accountId, @Body Map<String, Object> body);

  @POST("api/v2/accounts/{account_id}/jobs/{id}/")
  @Headers(Idempotency.RETRYABLE)
  Call<JsonNode> updateJob(
      @Path("account_id") long accountId, @Path("id") long id, @Body Map<String, Object> body);

  @DELETE("api/v2/accounts/{account_id}/jobs/{id}/")
  Call<JsonNode> deleteJob(@Path("account_id") long accountId, @Path("id") long id);

  @GET("api/v3/accounts/{account_id}/projects/{project_id}/environment-variables/environment/")
  Call<JsonNode> environmentVariables(
      @Path("account_id") long accountId, @Path("project_id") long projectId);

  @GET("api/v3/accounts/{account_id}/projects/{project_id}/environment-variables/job/")
  Call<JsonNode> jobEnvironmentVariables(
      @Path("account_id") long accountId,
      @Path("project_id") long projectId,
      @Query("job_definition_id") long jobId);

  @POST("api/v3/accounts/{account_id}/projects/{project_id}/environment-variables/bulk/")
  Call<JsonNode> createEnvironmentVariable(
      @Path("account_id") long accountId,
      @Path("project_id") long projectId,
      @Body Map<String, Object> body);

  @PUT("api/v3/accounts/{account_id}/projects/{project_id}/environment-variables/bulk/")
  Call<JsonNode> updateEnvironmentVariable(
      @Path("account_id") long accountId,
      @Path("project_id") long projectId,
      @Body Map<String, Object> body);

  @POST("api/v3/accounts/{account_id}/projects/{project_id}/environment-variables/")
  Call<JsonNode> createJobEnvironmentVariable(
      @Path("account_id") long accountId,
      @Path("project_id") long projectId,
      @Body Map<String, Object> body);

  @POST("api/v3/accounts/{account_id}/projects/{project_id}/environment-variables/{id}/")
  @Headers(Idempotency.RETRYABLE)
  Call<JsonNode> updateJobEnvironmentVariable(
      @Path("account_id") long accountId,
      @Path("project_id") long projectId,
      @Path("id") long id,
      @Body Map<String, Object> body);
}
