package dev.r2dbcpg.examples.spring;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Database errors as HTTP answers. Spring translates the driver's R2DBC exceptions (by their family and
 * SQLSTATE) into these {@code DataAccessException}s.
 */
@RestControllerAdvice
class DataErrors {

    /** A stale {@code @Version} (the UPDATE matched no row) or a duplicate unique key: 409. */
    @ExceptionHandler({OptimisticLockingFailureException.class, DuplicateKeyException.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    /** Any other refused value (a check or not-null constraint): 400. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail refused(DataIntegrityViolationException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
